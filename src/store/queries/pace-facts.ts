import { sql } from 'drizzle-orm'
import { type PaceFacts, PEOPLE_PACE } from '../../core/people/pace.ts'
import type { Executor } from '../executor.ts'

/**
 * The follows and unfollows the pace is counted from: the person's latest (on any account)
 * and the account's within the window. Refused ones do not count; ones whose outcome was
 * never recorded (the process died mid-call) do.
 */
export async function paceFacts(
  executor: Executor,
  input: { userId: string; accountId: string; now: Date },
): Promise<PaceFacts> {
  const since = new Date(input.now.getTime() - PEOPLE_PACE.windowMs).toISOString()
  const { rows } = await executor.execute<{ mine: boolean; created_at: string | Date }>(sql`
    (select true as mine, created_at from people_actions
      where requested_by = ${input.userId} and state <> 'failed'
      order by created_at desc limit 1)
    union all
    (select false as mine, created_at from people_actions
      where account_id = ${input.accountId} and state <> 'failed'
        and created_at > ${since}::timestamptz
      order by created_at)`)
  const mine = rows.find((r) => r.mine)
  return {
    personLastAt: mine ? new Date(mine.created_at) : null,
    accountRecent: rows.filter((r) => !r.mine).map((r) => new Date(r.created_at)),
    now: input.now,
  }
}
