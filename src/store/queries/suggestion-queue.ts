import { eq, sql } from 'drizzle-orm'
import type { Candidate, RankContext, Track } from '../../core/curate/rank-suggestions.ts'
import type { Executor } from '../executor.ts'
import { curateTopics, feedSources, type SUGGESTION_STATES } from '../schema/index.ts'

/** Suggestions older than this are not offered: feeds are news. */
export const QUEUE_WINDOW_DAYS = 14
/** The newest this many are ranked per request; older ones would rank below them anyway. */
export const QUEUE_CANDIDATES = 1_000
const HISTORY_DAYS = 180

export type QueueCandidate = Candidate & {
  state: (typeof SUGGESTION_STATES)[number]
  url: string
  author: string | null
  imageUrl: string | null
  postId: string | null
  decidedAt: Date | null
}

/**
 * What ranking a workspace's suggestions needs, in five queries: the candidates with every
 * source carrying each, the sources' titles and weights, the topics, and what people did
 * with earlier suggestions per source and per topic.
 */
export async function loadSuggestionQueue(
  executor: Executor,
  workspaceId: string,
  options:
    | { state: (typeof SUGGESTION_STATES)[number]; sourceId?: string; now: Date }
    | { ids: string[]; now: Date },
): Promise<{ candidates: QueueCandidate[]; context: RankContext }> {
  const since = new Date(options.now.getTime() - QUEUE_WINDOW_DAYS * 86_400_000)
  // Saved ones stay however old: a person chose to keep them.
  const which =
    'ids' in options
      ? sql`and s.id = any(${sql.param(options.ids)}::uuid[])`
      : options.state === 'new'
        ? sql`and s.state = 'new' and s.published_at > ${since.toISOString()}::timestamptz`
        : sql`and s.state = ${options.state}`
  // A story carried by several sources is found from any of them.
  const fromSource =
    'sourceId' in options && options.sourceId
      ? sql`and exists (select 1 from feed_items f where f.suggestion_id = s.id and f.source_id = ${options.sourceId})`
      : sql``
  const rows = await executor.execute<{
    id: string
    state: QueueCandidate['state']
    url: string
    title: string
    summary: string | null
    author: string | null
    image_url: string | null
    published_at: string | Date
    dated: boolean
    source_id: string | null
    post_id: string | null
    decided_at: string | Date | null
    source_ids: string[] | null
  }>(sql`
    select s.id, s.state, s.url, s.title, s.summary, s.author, s.image_url, s.published_at,
      s.dated, s.source_id, s.post_id, s.decided_at,
      (select array_agg(distinct i.source_id::text) from feed_items i where i.suggestion_id = s.id) as source_ids
    from suggestions s
    where s.workspace_id = ${workspaceId} ${which} ${fromSource}
    order by s.published_at desc
    limit ${QUEUE_CANDIDATES}`)
  const historySince = new Date(options.now.getTime() - HISTORY_DAYS * 86_400_000).toISOString()
  const [sources, topics, bySource, byTopic] = await Promise.all([
    executor
      .select({ id: feedSources.id, title: feedSources.title, weight: feedSources.weight })
      .from(feedSources)
      .where(eq(feedSources.workspaceId, workspaceId)),
    executor
      .select({ term: curateTopics.term, weight: curateTopics.weight })
      .from(curateTopics)
      .where(eq(curateTopics.workspaceId, workspaceId)),
    executor.execute<{ key: string; shared: number; skipped: number }>(sql`
      select source_id::text as key, count(*) filter (where state = 'shared')::int as shared,
        count(*) filter (where state = 'skipped')::int as skipped
      from suggestions
      where workspace_id = ${workspaceId} and state in ('shared', 'skipped') and source_id is not null
        and decided_at > ${historySince}::timestamptz
      group by source_id`),
    executor.execute<{ key: string; shared: number; skipped: number }>(sql`
      select t.term as key, count(*) filter (where s.state = 'shared')::int as shared,
        count(*) filter (where s.state = 'skipped')::int as skipped
      from suggestions s, unnest(s.matched_topics) as t(term)
      where s.workspace_id = ${workspaceId} and s.state in ('shared', 'skipped')
        and s.decided_at > ${historySince}::timestamptz
      group by t.term`),
  ])
  const tracks = (result: { rows: Array<{ key: string; shared: number; skipped: number }> }) =>
    new Map<string, Track>(
      result.rows.map((r) => [r.key, { shared: r.shared, skipped: r.skipped }]),
    )
  return {
    candidates: rows.rows.map((row) => {
      const sourceIds = row.source_ids ?? []
      return {
        id: row.id,
        state: row.state,
        url: row.url,
        title: row.title,
        summary: row.summary,
        author: row.author,
        imageUrl: row.image_url,
        publishedAt: new Date(row.published_at),
        datedByFeed: row.dated,
        sourceId: row.source_id ?? sourceIds[0] ?? '',
        sourceIds,
        postId: row.post_id,
        decidedAt: row.decided_at ? new Date(row.decided_at) : null,
      }
    }),
    context: {
      topics,
      sources: new Map(sources.map((s) => [s.id, { title: s.title, weight: s.weight }])),
      feedback: { bySource: tracks(bySource), byTopic: tracks(byTopic) },
      now: options.now,
    },
  }
}
