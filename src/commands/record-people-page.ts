import { sql } from 'drizzle-orm'
import { type KnownRelation, type ListedProfile, planPeoplePage } from '../core/people/plan-page.ts'
import type { ReviewState } from '../core/people/review-state.ts'
import type { Db } from '../store/connect.ts'
import type { PeopleList } from './start-people-sync.ts'

export type PageRecorded = { newcomers: number; listed: number }

const COLUMNS = {
  followers: {
    inList: sql.raw('follows_us'),
    order: sql.raw('follower_order'),
    pass: sql.raw('follower_pass'),
  },
  follows: {
    inList: sql.raw('we_follow'),
    order: sql.raw('following_order'),
    pass: sql.raw('following_pass'),
  },
}

/**
 * Stores one listed page and moves the sync's cursor past it, in one transaction: after a
 * crash the sync resumes at the page it was on, and re-storing a page changes nothing.
 * Answers null when the sync is no longer at this step (a duplicate or stale job).
 * One multi-row upsert (unnest): drizzle takes ~31 ms just to build a 1,000-row INSERT.
 */
export async function recordPeoplePage(
  db: Db,
  input: {
    accountId: string
    list: PeopleList
    pass: number
    step: number
    items: ListedProfile[]
    cursor: string | undefined
    requests: number
    /** The account's own count, read as the pass began: the progress bar's end. */
    expected?: number
    now: Date
  },
): Promise<PageRecorded | null> {
  const { accountId, list } = input
  const c = COLUMNS[list]
  return db.transaction(async (tx) => {
    const { rows: syncs } = await tx.execute<{
      listed: number
      started_at: string
      baseline_at: string | null
      last_full_at: string | null
    }>(sql`
      select listed, started_at, baseline_at, last_full_at from people_syncs
      where account_id = ${accountId} and list = ${list} and state = 'listing'
        and pass = ${input.pass} and step = ${input.step}
      for update`)
    const sync = syncs[0]
    if (!sync) return null
    const ids = input.items.map((p) => p.id)
    const { rows: known } = ids.length
      ? await tx.execute<{
          profile_id: string
          in_list: boolean
          ord: string | null
          review: ReviewState | null
        }>(sql`
          select profile_id, ${c.inList} as in_list, ${c.order} as ord, review from account_people
          where account_id = ${accountId} and profile_id = any(${sql.param(ids)}::text[])`)
      : { rows: [] }
    const planned = planPeoplePage({
      list,
      items: input.items,
      known: known.map(
        (k): KnownRelation => ({
          profileId: k.profile_id,
          inList: k.in_list,
          order: k.ord === null ? null : Number(k.ord),
          review: k.review,
        }),
      ),
      passStartedAt: new Date(sync.started_at),
      position: sync.listed,
      baselineDone: sync.last_full_at !== null,
      watchingSince: sync.baseline_at ? new Date(sync.baseline_at) : null,
    })
    if (planned.length) {
      const col = <T>(pick: (row: (typeof planned)[number]) => T) => sql.param(planned.map(pick))
      const now = input.now.toISOString()
      await tx.execute(sql`
        insert into account_people as ap (account_id, profile_id, handle, display_name, bio,
          avatar_url, url, profile_created_at, posts_count, followers_count, following_count,
          last_post_at, context_at, ${c.inList}, ${c.order}, ${c.pass}, review)
        select ${accountId}, t.id, t.handle, t.name, t.bio, t.avatar, t.url, t.created,
          t.posts, t.followers, t.following, t.last_post,
          case when t.has_context then ${now}::timestamptz end,
          true, t.ord, ${input.pass}, t.review
        from unnest(${col((r) => r.profile.id)}::text[], ${col((r) => r.profile.handle)}::text[],
          ${col((r) => r.profile.displayName)}::text[], ${col((r) => r.profile.bio)}::text[],
          ${col((r) => r.profile.avatarUrl ?? null)}::text[], ${col((r) => r.profile.url ?? null)}::text[],
          ${col((r) => r.profile.createdAt ?? null)}::timestamptz[],
          ${col((r) => r.profile.postsCount ?? null)}::int[],
          ${col((r) => r.profile.followersCount ?? null)}::int[],
          ${col((r) => r.profile.followingCount ?? null)}::int[],
          ${col((r) => r.profile.lastPostAt ?? null)}::timestamptz[],
          ${col((r) => r.hasContext)}::boolean[], ${col((r) => r.order)}::bigint[],
          ${col((r) => r.review)}::text[])
          as t(id, handle, name, bio, avatar, url, created, posts, followers, following,
            last_post, has_context, ord, review)
        on conflict (account_id, profile_id) do update set
          handle = excluded.handle, display_name = excluded.display_name, bio = excluded.bio,
          avatar_url = excluded.avatar_url, url = coalesce(excluded.url, ap.url),
          profile_created_at = coalesce(excluded.profile_created_at, ap.profile_created_at),
          posts_count = coalesce(excluded.posts_count, ap.posts_count),
          followers_count = coalesce(excluded.followers_count, ap.followers_count),
          following_count = coalesce(excluded.following_count, ap.following_count),
          last_post_at = coalesce(excluded.last_post_at, ap.last_post_at),
          context_at = coalesce(excluded.context_at, ap.context_at),
          ${c.inList} = true, ${c.order} = excluded.${c.order}, ${c.pass} = excluded.${c.pass},
          review = coalesce(excluded.review, ap.review), gone_at = null, updated_at = now()`)
    }
    const newcomers = planned.filter((r) => r.newcomer).length
    await tx.execute(sql`
      update people_syncs set cursor = ${input.cursor ?? null}, step = step + 1,
        listed = listed + ${planned.length}, added = added + ${newcomers},
        requests = requests + ${input.requests}, expected = coalesce(${input.expected ?? null}::int, expected),
        updated_at = now()
      where account_id = ${accountId} and list = ${list}`)
    return { newcomers, listed: planned.length }
  })
}
