import { sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

export type AccountFollowers = { accountId: string; handle: string; followers: number | null }

/**
 * Each connected account's follower count as its own profile gave it when the last followers
 * sync began (null before any sync): context beside the measures, never a score.
 */
export async function accountFollowers(db: Db, workspaceId: string): Promise<AccountFollowers[]> {
  const { rows } = await db.execute<{
    account_id: string
    handle: string
    followers: number | null
  }>(sql`
    select a.id as account_id, a.handle, s.expected as followers
    from accounts a
    left join people_syncs s on s.account_id = a.id and s.list = 'followers'
    where a.workspace_id = ${workspaceId} and a.disconnected_at is null
    order by a.created_at`)
  return rows.map((r) => ({ accountId: r.account_id, handle: r.handle, followers: r.followers }))
}
