import { inArray, sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { peopleSyncs } from '../schema/index.ts'

export type PeopleCounts = {
  accountId: string
  followers: number
  newFollowers: number
  following: number
  notFollowingBack: number
}

export type SyncRow = typeof peopleSyncs.$inferSelect

/** Per connected account of the workspace (or one account): follower and following counts. */
export async function peopleCounts(
  executor: Executor,
  input: { workspaceId: string; accountId?: string },
): Promise<PeopleCounts[]> {
  const { rows } = await executor.execute<{
    account_id: string
    followers: number
    new_followers: number
    following: number
    not_following_back: number
  }>(sql`
    select a.id as account_id,
      (select count(*) from account_people p where p.account_id = a.id and p.follows_us
        and p.gone_at is null)::int as followers,
      (select count(*) from account_people p where p.account_id = a.id and p.follows_us
        and p.review = 'new' and p.gone_at is null)::int as new_followers,
      (select count(*) from account_people p where p.account_id = a.id and p.we_follow)::int as following,
      (select count(*) from account_people p where p.account_id = a.id and p.we_follow
        and not p.follows_us)::int as not_following_back
    from accounts a
    where a.workspace_id = ${input.workspaceId} and a.disconnected_at is null
      ${input.accountId ? sql`and a.id = ${input.accountId}` : sql``}
    order by a.created_at`)
  return rows.map((r) => ({
    accountId: r.account_id,
    followers: r.followers,
    newFollowers: r.new_followers,
    following: r.following,
    notFollowingBack: r.not_following_back,
  }))
}

export async function peopleSyncRows(executor: Executor, accountIds: string[]): Promise<SyncRow[]> {
  if (!accountIds.length) return []
  return executor.select().from(peopleSyncs).where(inArray(peopleSyncs.accountId, accountIds))
}
