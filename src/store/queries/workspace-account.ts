import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../../core/errors.ts'
import type { Executor } from '../executor.ts'
import { accounts } from '../schema/index.ts'
import { isConnected } from './connected-accounts.ts'

/** A connected account of the workspace; NotFound otherwise (another workspace's included). */
export async function workspaceAccount(executor: Executor, workspaceId: string, accountId: string) {
  const [account] = await executor
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), eq(accounts.workspaceId, workspaceId), isConnected()))
  if (!account) throw new NotFoundError('Account')
  return account
}
