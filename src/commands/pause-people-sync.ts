import { sql } from 'drizzle-orm'
import type { Executor } from '../store/executor.ts'
import type { PeopleList } from './start-people-sync.ts'

/**
 * Holds a pass where it stands (cursor and step kept): nothing read is lost, and starting
 * the sync again, once the account is reconnected, continues from there.
 */
export async function pausePeopleSync(
  executor: Executor,
  input: { accountId: string; list: PeopleList; reason: string },
): Promise<void> {
  await executor.execute(sql`
    update people_syncs set paused_reason = ${input.reason}, updated_at = now()
    where account_id = ${input.accountId} and list = ${input.list} and state <> 'idle'`)
}
