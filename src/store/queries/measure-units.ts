import { type SQL, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

/** One published variant (a post on one account) in a period, with what Measure groups by. */
export type MeasureUnit = {
  postId: string
  accountId: string
  handle: string
  network: string
  publishedAt: Date
  topics: string[]
  approach: string | null
  campaignId: string | null
  campaignName: string | null
  replies: number
  reposts: number
  quotes: number
  likes: number
  people: number
  conversations: number
  deleted: boolean
  clicks: number
  visitors: number
  botClicks: number
  /** From the inbox: replies the team answered, and how long each first answer took. */
  answered: number
  responseSeconds: number[]
}

/**
 * Every variant published in [from, to) with its latest engagement (summed over a thread's
 * segments), labels, link clicks and the inbox's answers. One statement; a 90-day period
 * of a 100,000-post workspace: bench/measure.ts.
 */
export async function measureUnits(
  db: Db,
  workspaceId: string,
  period: MeasurePeriod,
): Promise<MeasureUnit[]> {
  // @NOTE PostgreSQL's JIT compiles this plan for ~240 ms (it costs it above jit_above_cost
  // at 50,000 variants) and 4 MB of work_mem sorts on disk: both changed for this statement
  // only (bench/measure.ts measures it).
  const result = await db.transaction(async (tx) => {
    await tx.execute(MEASURE_SETTINGS)
    return tx.execute<Record<string, unknown>>(measureUnitsStatement(workspaceId, period))
  })
  return result.rows.map(toUnit)
}

/** The report transaction's settings (see measureUnits). */
export const MEASURE_SETTINGS = sql`select set_config('jit', 'off', true), set_config('work_mem', '64MB', true)`

type MeasurePeriod = { from: Date; to: Date; campaignId?: string }

/** The statement alone, for bench/measure.ts to EXPLAIN. */
export function measureUnitsStatement(workspaceId: string, period: MeasurePeriod): SQL {
  const campaign = period.campaignId ? sql`and pl.campaign_id = ${period.campaignId}` : sql``
  const inPeriod = sql`de.workspace_id = ${workspaceId}
    and de.published_at >= ${period.from.toISOString()} and de.published_at < ${period.to.toISOString()}`
  return sql`
    with units as (
      select de.post_id, de.account_id, min(de.network) as network, min(de.published_at) as published_at,
        sum(de.replies)::int as replies, sum(de.reposts)::int as reposts, sum(de.quotes)::int as quotes,
        sum(de.likes)::int as likes, sum(de.people)::int as people,
        sum(de.conversations)::int as conversations, bool_and(de.deleted) as deleted
      from delivery_engagement de
      where ${inPeriod}
      group by de.post_id, de.account_id
    ),
    clicks as (
      select l.post_id, l.network,
        coalesce(sum(least(v.clicks, 3)), 0)::int as clicks, count(v.visitor)::int as visitors
      from short_links l join link_visitors v on v.link_id = l.id
      where l.post_id in (select post_id from units)
      group by l.post_id, l.network
    ),
    bots as (
      select l.post_id, l.network, coalesce(sum(c.bots), 0)::int as bots
      from short_links l join link_clicks c on c.link_id = l.id
      where l.post_id in (select post_id from units)
      group by l.post_id, l.network
    ),
    -- The inbox's replies to each variant's segments, found by our posts' URIs.
    answers as (
      select de.post_id, de.account_id, count(i.first_response_at)::int as answered,
        array_agg(extract(epoch from i.first_response_at - i.created_at)::int)
          filter (where i.first_response_at is not null) as response_seconds
      from delivery_engagement de
      join deliveries d on d.id = de.delivery_id
      join inbox_items i on i.subject_uri = d.uri
      where ${inPeriod} and i.workspace_id = ${workspaceId} and i.event_kind = 'reply'
      group by de.post_id, de.account_id
    )
    -- Epoch milliseconds: a number reads ~10× faster than a timestamp's text (50,000 rows).
    select u.post_id, u.account_id, a.handle, u.network,
      (extract(epoch from u.published_at) * 1000)::float8 as published_ms, u.replies, u.reposts,
      u.quotes, u.likes, u.people, u.conversations, u.deleted,
      coalesce(pl.topics, '{}') as topics, pl.approach, pl.campaign_id, c.name as campaign_name,
      coalesce(k.clicks, 0) as clicks, coalesce(k.visitors, 0) as visitors, coalesce(b.bots, 0) as bots,
      coalesce(x.answered, 0) as answered, coalesce(x.response_seconds, '{}') as response_seconds
    from units u
    join accounts a on a.id = u.account_id
    left join post_labels pl on pl.post_id = u.post_id
    left join campaigns c on c.id = pl.campaign_id
    left join clicks k on k.post_id = u.post_id and k.network = u.network
    left join bots b on b.post_id = u.post_id and b.network = u.network
    left join answers x on x.post_id = u.post_id and x.account_id = u.account_id
    where true ${campaign}
    order by u.published_at, u.post_id, u.account_id`
}

function toUnit(r: Record<string, unknown>): MeasureUnit {
  return {
    postId: r.post_id as string,
    accountId: r.account_id as string,
    handle: r.handle as string,
    network: r.network as string,
    publishedAt: new Date(Number(r.published_ms)),
    topics: r.topics as string[],
    approach: (r.approach as string | null) ?? null,
    campaignId: (r.campaign_id as string | null) ?? null,
    campaignName: (r.campaign_name as string | null) ?? null,
    replies: Number(r.replies),
    reposts: Number(r.reposts),
    quotes: Number(r.quotes),
    likes: Number(r.likes),
    people: Number(r.people),
    conversations: Number(r.conversations),
    deleted: Boolean(r.deleted),
    clicks: Number(r.clicks),
    visitors: Number(r.visitors),
    botClicks: Number(r.bots),
    answered: Number(r.answered),
    responseSeconds: (r.response_seconds as number[]).map(Number),
  }
}
