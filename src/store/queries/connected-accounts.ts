import { and, asc, eq, isNull } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { accounts } from '../schema/index.ts'

/** A connected account: not disconnected (a disconnected one keeps its history, not its use). */
export const isConnected = () => isNull(accounts.disconnectedAt)

export async function listConnectedAccounts(executor: Executor, workspaceId: string) {
  return executor
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), isConnected()))
    .orderBy(asc(accounts.createdAt))
}
