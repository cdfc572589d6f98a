import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'
import type { PeopleList } from './start-people-sync.ts'

const IN_LIST = {
  followers: { inList: sql.raw('follows_us'), pass: sql.raw('follower_pass') },
  follows: { inList: sql.raw('we_follow'), pass: sql.raw('following_pass') },
}

/**
 * Ends a pass's listing. A full pass saw everyone still in the list: whoever it did not see
 * left it (unfollowed the account, or was unfollowed elsewhere). Once the first full pass has
 * ended, whoever a pass finds following anew is "new" (core/people/review-state.ts). Null when stale.
 */
export async function finishPeopleListing(
  db: Db,
  input: { accountId: string; list: PeopleList; pass: number; step: number; now: Date },
): Promise<{ removed: number } | null> {
  const { accountId, list } = input
  const c = IN_LIST[list]
  const now = input.now.toISOString()
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute<{ kind: string }>(sql`
      select kind from people_syncs
      where account_id = ${accountId} and list = ${list} and state = 'listing'
        and pass = ${input.pass} and step = ${input.step}
      for update`)
    const sync = rows[0]
    if (!sync) return null
    let removed = 0
    if (sync.kind === 'full') {
      const left = await tx.execute<{ n: number }>(sql`
        with left_list as (
          update account_people set ${c.inList} = false, updated_at = now()
          where account_id = ${accountId} and ${c.inList}
            and (${c.pass} is null or ${c.pass} < ${input.pass})
          returning 1)
        select count(*)::int as n from left_list`)
      removed = left.rows[0]?.n ?? 0
    }
    const full = sync.kind === 'full'
    await tx.execute(sql`
      update people_syncs set state = 'enriching', step = step + 1, cursor = null,
        removed = ${removed},
        last_full_at = case when ${full} then ${now}::timestamptz else last_full_at end,
        updated_at = now()
      where account_id = ${accountId} and list = ${list}`)
    return { removed }
  })
}
