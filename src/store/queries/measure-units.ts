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
 * segments), labels, link clicks and the inbox's answers: the measure_units rows of the
 * period (schema/measure.ts says how they are kept). A 90-day period of a 100,000-post
 * workspace: bench/measure.ts.
 */
export async function measureUnits(
  db: Db,
  workspaceId: string,
  period: MeasurePeriod,
): Promise<MeasureUnit[]> {
  const result = await db.execute<Record<string, unknown>>(
    measureUnitsStatement(workspaceId, period),
  )
  return result.rows.map(toUnit)
}

type MeasurePeriod = { from: Date; to: Date; campaignId?: string }

/** The statement alone, for bench/measure.ts to EXPLAIN. */
export function measureUnitsStatement(workspaceId: string, period: MeasurePeriod): SQL {
  const campaign = period.campaignId ? sql`and m.campaign_id = ${period.campaignId}` : sql``
  // Epoch milliseconds: a number reads ~10× faster than a timestamp's text (50,000 rows).
  return sql`
    select m.post_id, m.account_id, a.handle, m.network,
      (extract(epoch from m.published_at) * 1000)::float8 as published_ms, m.replies, m.reposts,
      m.quotes, m.likes, m.people, m.conversations, m.deleted, m.topics, m.approach,
      m.campaign_id, c.name as campaign_name, m.clicks, m.visitors, m.bots, m.answered,
      m.response_seconds
    from measure_units m
    join accounts a on a.id = m.account_id
    left join campaigns c on c.id = m.campaign_id
    where m.workspace_id = ${workspaceId} and m.published_at >= ${period.from.toISOString()}
      and m.published_at < ${period.to.toISOString()} ${campaign}
    order by m.published_at, m.post_id, m.account_id`
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
