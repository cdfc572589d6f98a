import { sql } from 'drizzle-orm'
import type { ProfileContext } from '../networks/types.ts'
import type { Db } from '../store/connect.ts'
import type { PeopleList } from './start-people-sync.ts'

/**
 * Stores counts and last post times read for a batch of profiles, and marks those the
 * network no longer shows as gone (they leave the review queue and the lists' filters).
 * Moves the sync one step on; null when the sync is no longer at this step.
 */
export async function recordProfileContext(
  db: Db,
  input: {
    accountId: string
    list: PeopleList
    pass: number
    step: number
    asked: string[]
    found: ProfileContext[]
    requests: number
    now: Date
  },
): Promise<boolean> {
  const { accountId, list, found } = input
  const now = input.now.toISOString()
  const foundIds = new Set(found.map((p) => p.id))
  const gone = input.asked.filter((id) => !foundIds.has(id))
  return db.transaction(async (tx) => {
    const { rows } = await tx.execute(sql`
      select 1 from people_syncs
      where account_id = ${accountId} and list = ${list} and state = 'enriching'
        and pass = ${input.pass} and step = ${input.step}
      for update`)
    if (!rows.length) return false
    if (found.length) {
      const col = <T>(pick: (p: ProfileContext) => T) => sql.param(found.map(pick))
      await tx.execute(sql`
        update account_people as ap set handle = t.handle, display_name = t.name, bio = t.bio,
          avatar_url = t.avatar, url = coalesce(t.url, ap.url),
          profile_created_at = coalesce(t.created, ap.profile_created_at),
          posts_count = t.posts, followers_count = t.followers, following_count = t.following,
          last_post_at = t.last_post, context_at = ${now}::timestamptz, gone_at = null,
          updated_at = now()
        from unnest(${col((p) => p.id)}::text[], ${col((p) => p.handle)}::text[],
          ${col((p) => p.displayName)}::text[], ${col((p) => p.bio)}::text[],
          ${col((p) => p.avatarUrl ?? null)}::text[], ${col((p) => p.url ?? null)}::text[],
          ${col((p) => p.createdAt ?? null)}::timestamptz[], ${col((p) => p.postsCount ?? null)}::int[],
          ${col((p) => p.followersCount ?? null)}::int[], ${col((p) => p.followingCount ?? null)}::int[],
          ${col((p) => p.lastPostAt ?? null)}::timestamptz[])
          as t(id, handle, name, bio, avatar, url, created, posts, followers, following, last_post)
        where ap.account_id = ${accountId} and ap.profile_id = t.id`)
    }
    if (gone.length) {
      await tx.execute(sql`
        update account_people set gone_at = ${now}::timestamptz, context_at = ${now}::timestamptz,
          updated_at = now()
        where account_id = ${accountId} and profile_id = any(${sql.param(gone)}::text[])`)
    }
    await tx.execute(sql`
      update people_syncs set step = step + 1, requests = requests + ${input.requests},
        updated_at = now()
      where account_id = ${accountId} and list = ${list}`)
    return true
  })
}
