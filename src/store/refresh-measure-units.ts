import { type SQL, sql } from 'drizzle-orm'
import type { Executor } from './executor.ts'

/** The advisory-lock class of measure_units' posts (the key is the post id's hash). */
const LOCK_CLASS = 7_311

/**
 * Rewrites the measure_units rows of these posts from their sources: each variant's
 * segments' latest engagement (delivery_engagement), the post's labels, its short links'
 * clicks and the inbox's answered replies. Call it in the writer's transaction after the
 * change. Two statements: the posts are locked first (in one order, so writers never
 * deadlock), so the rewrite reads every other writer's committed change; a rewrite that
 * read before another's commit could otherwise overwrite newer numbers with older ones.
 */
export async function refreshMeasureUnits(
  executor: Executor,
  postIds: readonly string[],
): Promise<void> {
  const ids = [...new Set(postIds)]
  if (ids.length === 0) return
  await lockMeasuredPosts(executor, sql`select unnest(${sql.param(ids)}::uuid[])`)
  await executor.execute(
    rewriteStatement((postId) => sql`${postId} = any(${sql.param(ids)}::uuid[])`),
  )
}

/**
 * Holds the posts `postIds` selects (one column) until the transaction ends, in one order so
 * two writers never deadlock. A writer that changes a post's measure rows holds it first.
 */
export async function lockMeasuredPosts(executor: Executor, postIds: SQL): Promise<void> {
  await executor.execute(sql`
    select pg_advisory_xact_lock(${LOCK_CLASS}, hashtext(id::text))
    from (${postIds}) p(id) group by id order by hashtext(id::text)`)
}

/**
 * The rewrite of the posts `ofPosts` picks (given the column of a post id); the migration
 * that made the table ran it over every post, as bench/measure-seed.ts does.
 */
export function rewriteStatement(ofPosts: (postId: SQL) => SQL): SQL {
  const counts = sql.raw(COUNTS.join(', '))
  const excluded = sql.raw(
    [...COUNTS, 'published_at', 'published_day', 'topics', 'approach', 'campaign_id']
      .map((c) => `${c} = excluded.${c}`)
      .join(', '),
  )
  return sql`
    with variant as (
      select d.variant_id, de.workspace_id, de.post_id, de.account_id, min(de.network) as network,
        min(de.published_at) as published_at,
        sum(de.replies)::int as replies, sum(de.reposts)::int as reposts,
        sum(de.quotes)::int as quotes, sum(de.likes)::int as likes, sum(de.people)::int as people,
        sum(de.conversations)::int as conversations, bool_and(de.deleted) as deleted
      from delivery_engagement de
      join deliveries d on d.id = de.delivery_id
      where ${ofPosts(sql`de.post_id`)}
      group by d.variant_id, de.workspace_id, de.post_id, de.account_id
    ),
    -- A visitor counts 3 clicks a day at most: a reload loop is not interest.
    visits as (
      select l.post_id, l.network, coalesce(sum(least(v.clicks, 3)), 0)::int as clicks,
        count(v.visitor)::int as visitors
      from short_links l join link_visitors v on v.link_id = l.id
      where ${ofPosts(sql`l.post_id`)}
      group by l.post_id, l.network
    ),
    bots as (
      select l.post_id, l.network, coalesce(sum(c.bots), 0)::int as bots
      from short_links l join link_clicks c on c.link_id = l.id
      where ${ofPosts(sql`l.post_id`)}
      group by l.post_id, l.network
    ),
    -- The inbox's answered replies to our posts' segments, found by their URIs.
    answer as (
      select d.variant_id, d.post_id, i.created_at,
        extract(epoch from i.first_response_at - i.created_at)::int as seconds
      from deliveries d
      join posts p on p.id = d.post_id
      join inbox_items i on i.workspace_id = p.workspace_id and i.subject_uri = d.uri
        and i.event_kind = 'reply' and i.first_response_at is not null
      where ${ofPosts(sql`d.post_id`)} and d.uri is not null
    ),
    variant_answers as (
      select variant_id, count(*)::int as answered,
        array_agg(seconds order by created_at) as response_seconds
      from answer group by variant_id
    ),
    post_answers as (
      select post_id, count(*)::int as answered,
        array_agg(seconds order by created_at) as response_seconds
      from answer group by post_id
    ),
    -- A post's links' clicks count once, however many of its variants share a network.
    post_clicks as (
      select post_id, sum(clicks)::int as clicks, sum(visitors)::int as visitors,
        sum(bots)::int as bots
      from (select post_id, clicks, visitors, 0 as bots from visits
        union all select post_id, 0, 0, bots from bots) c
      group by post_id
    ),
    unit as (
      select v.*, (v.published_at at time zone 'UTC')::date as published_day,
        row_number() over (partition by v.post_id order by v.published_at, v.account_id) = 1
          as first_of_post,
        coalesce(k.clicks, 0) as clicks, coalesce(k.visitors, 0) as visitors,
        coalesce(b.bots, 0) as bot_clicks,
        coalesce(x.answered, 0) as answered, coalesce(x.response_seconds, '{}') as response_seconds,
        coalesce(pl.topics, '{}') as topics, pl.approach, pl.campaign_id
      from variant v
      left join visits k on k.post_id = v.post_id and k.network = v.network
      left join bots b on b.post_id = v.post_id and b.network = v.network
      left join variant_answers x on x.variant_id = v.variant_id
      left join post_labels pl on pl.post_id = v.post_id
    ),
    written as (
      insert into measure_units (variant_id, post_id, account_id, network, first_of_post,
        workspace_id, ${counts}, published_at, published_day, topics, approach, campaign_id)
      select variant_id, post_id, account_id, network, first_of_post, workspace_id, ${counts},
        published_at, published_day, topics, approach, campaign_id
      from unit
      on conflict (variant_id) do update set first_of_post = excluded.first_of_post, ${excluded}
    )
    -- A post: its variants summed, its links' clicks once, its answers in the order they came.
    insert into measure_posts (post_id, workspace_id, ${counts}, published_at, published_day,
      topics, approach, campaign_id)
    select u.post_id, u.workspace_id, u.replies, u.reposts, u.quotes, u.likes, u.people,
      u.conversations, u.deleted, coalesce(k.clicks, 0), coalesce(k.visitors, 0),
      coalesce(k.bots, 0), coalesce(x.answered, 0), coalesce(x.response_seconds, '{}'),
      u.published_at, u.published_day, u.topics, u.approach, u.campaign_id
    from (
      select post_id, workspace_id, sum(replies) as replies, sum(reposts) as reposts,
        sum(quotes) as quotes, sum(likes) as likes, sum(people) as people,
        sum(conversations) as conversations, bool_and(deleted) as deleted,
        min(published_at) as published_at, min(published_day) as published_day, topics,
        approach, campaign_id
      from unit
      group by post_id, workspace_id, topics, approach, campaign_id
    ) u
    left join post_clicks k on k.post_id = u.post_id
    left join post_answers x on x.post_id = u.post_id
    on conflict (post_id) do update set ${excluded}`
}

/** The columns both tables carry, in the order the rewrite writes them. */
const COUNTS = [
  'replies',
  'reposts',
  'quotes',
  'likes',
  'people',
  'conversations',
  'deleted',
  'clicks',
  'visitors',
  'bot_clicks',
  'answered',
  'response_seconds',
]
