import { sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

export type NewFeedItem = {
  id: string
  seq: number
  workspaceId: string
  sourceId: string
  url: string
  title: string
  summary: string | null
  author: string | null
  publishedAt: Date
  firstSeenAt: Date
}

/** Feed items inserted after `seq`, in insertion order. */
export async function readNewFeedItems(
  db: Db,
  after: number,
  limit: number,
): Promise<NewFeedItem[]> {
  const result = await db.execute<{
    id: string
    seq: string | number
    workspace_id: string
    source_id: string
    url: string
    title: string
    summary: string | null
    author: string | null
    published_at: string | Date
    first_seen_at: string | Date
  }>(sql`
    select id, seq, workspace_id, source_id, url, title, summary, author, published_at, first_seen_at
    from feed_items where seq > ${after} order by seq limit ${limit}`)
  return result.rows.map((row) => ({
    id: row.id,
    seq: Number(row.seq),
    workspaceId: row.workspace_id,
    sourceId: row.source_id,
    url: row.url,
    title: row.title,
    summary: row.summary,
    author: row.author,
    publishedAt: new Date(row.published_at),
    firstSeenAt: new Date(row.first_seen_at),
  }))
}

/** The newest feed item's `seq` (0 when there is none): where listening to feeds starts. */
export async function latestFeedItemSeq(db: Db): Promise<number> {
  const result = await db.execute<{ seq: string | number | null }>(
    sql`select max(seq) as seq from feed_items`,
  )
  return Number(result.rows[0]?.seq ?? 0)
}
