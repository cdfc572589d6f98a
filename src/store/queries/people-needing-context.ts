import { sql } from 'drizzle-orm'
import { CONTEXT_STALE_AFTER_MS } from '../../core/people/sync-plan.ts'
import type { Db } from '../connect.ts'

/**
 * Whose counts and last post to read next, newest first: followers waiting for review (the
 * cards), and everyone the account follows (the following list's filters). Known followers
 * outside review are never fetched one by one: 100,000 of them would cost 100,000 requests.
 */
export async function peopleNeedingContext(
  db: Db,
  input: { accountId: string; list: 'followers' | 'follows'; limit: number; now: Date },
): Promise<string[]> {
  const staleBefore = new Date(input.now.getTime() - CONTEXT_STALE_AFTER_MS).toISOString()
  const which =
    input.list === 'followers'
      ? sql`follows_us and review = 'new' order by follower_order desc`
      : sql`we_follow order by following_order desc`
  const { rows } = await db.execute<{ profile_id: string }>(sql`
    select profile_id from account_people
    where account_id = ${input.accountId} and gone_at is null
      and (context_at is null or context_at < ${staleBefore}::timestamptz) and ${which}
    limit ${input.limit}`)
  return rows.map((r) => r.profile_id)
}
