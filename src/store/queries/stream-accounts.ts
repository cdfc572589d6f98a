import { and, eq } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { accounts, inboxSync } from '../schema/index.ts'
import { isConnected } from './connected-accounts.ts'

/** Connected, working accounts of one network, each with where its stream's catch-up reads on. */
export async function streamAccounts(executor: Executor, network: string) {
  return executor
    .select({ account: accounts, cursor: inboxSync.streamSinceId })
    .from(accounts)
    .leftJoin(inboxSync, eq(inboxSync.accountId, accounts.id))
    .where(and(eq(accounts.network, network), eq(accounts.state, 'ok'), isConnected()))
}
