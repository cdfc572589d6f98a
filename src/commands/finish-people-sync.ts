import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'
import type { PeopleList } from './start-people-sync.ts'

/** Ends a pass: nothing left to read. Null when the sync is no longer at this step. */
export async function finishPeopleSync(
  db: Db,
  input: { accountId: string; list: PeopleList; pass: number; step: number; now: Date },
): Promise<boolean> {
  const { rowCount } = await db.execute(sql`
    update people_syncs set state = 'idle', step = step + 1,
      finished_at = ${input.now.toISOString()}::timestamptz, updated_at = now()
    where account_id = ${input.accountId} and list = ${input.list} and state = 'enriching'
      and pass = ${input.pass} and step = ${input.step}`)
  return (rowCount ?? 0) > 0
}
