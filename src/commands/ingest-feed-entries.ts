import { randomUUID } from 'node:crypto'
import { sql } from 'drizzle-orm'
import { canonicalUrl } from '../core/curate/canonical-url.ts'
import {
  groupStories,
  type KnownStory,
  type Placement,
  type StoryKey,
} from '../core/curate/group-stories.ts'
import { publishedTime } from '../core/curate/published-time.ts'
import { titleBands, titleWords } from '../core/curate/title-similarity.ts'
import type { FeedEntry } from '../networks/feeds/feed-document.ts'
import type { Tx } from '../store/executor.ts'
import { forgetSuggestions, recentStories } from '../store/queries/story-index.ts'

/** How far back a new item looks for the story it may be a copy of (by link or by title). */
const STORY_WINDOW_DAYS = 14

/**
 * Stores a feed's entries not seen before from this source, each joined to the story it
 * tells (same canonical URL or near-duplicate title, core/curate/group-stories.ts) or made a
 * new suggestion. Inside the caller's transaction; a per-workspace advisory lock keeps two
 * sources ingesting the same story at once from making it twice. Raw SQL with unnest: one
 * statement per table, whatever the number of entries.
 */
export async function ingestFeedEntries(
  tx: Tx,
  input: { workspaceId: string; sourceId: string; entries: readonly FeedEntry[]; now: Date },
): Promise<{ items: number; suggestions: number }> {
  const unique = new Map<string, FeedEntry>()
  for (const entry of input.entries) if (!unique.has(entry.key)) unique.set(entry.key, entry)
  if (unique.size === 0) return { items: 0, suggestions: 0 }

  await tx.execute(
    sql`select pg_advisory_xact_lock(hashtextextended(${`sous.curate:${input.workspaceId}`}, 0))`,
  )
  const seen = await tx.execute<{ key: string }>(sql`
    select key from feed_items
    where source_id = ${input.sourceId} and key = any(${sql.param([...unique.keys()])}::text[])`)
  for (const row of seen.rows) unique.delete(row.key)
  if (unique.size === 0) return { items: 0, suggestions: 0 }

  const fresh = [...unique.values()].map((entry) => {
    const words = titleWords(entry.title)
    return {
      entry,
      canonicalUrl: canonicalUrl(entry.url) ?? entry.url,
      words,
      bands: titleBands(words),
      published: publishedTime(entry.published, input.now),
    }
  })
  const since = new Date(input.now.getTime() - STORY_WINDOW_DAYS * 86_400_000)
  const known = await recentStories(
    tx,
    input.workspaceId,
    {
      canonicalUrls: fresh.map((f) => f.canonicalUrl),
      bands: [...new Set(fresh.flatMap((f) => f.bands))],
    },
    since,
  )
  const placements = await placeExisting(tx, input.workspaceId, fresh, known)

  const newIds = new Map<number, string>()
  const suggestionIds = placements.map((placement) => {
    if ('suggestionId' in placement) return placement.suggestionId
    if (!newIds.has(placement.leader)) newIds.set(placement.leader, randomUUID())
    return newIds.get(placement.leader) as string
  })
  const leaders = [...newIds.entries()].map(([index, id]) => ({
    id,
    ...(fresh[index] as (typeof fresh)[number]),
  }))
  if (leaders.length > 0) {
    await tx.execute(sql`
      insert into suggestions (id, workspace_id, source_id, url, title, summary, author, image_url, published_at, dated, created_at)
      select id, ${input.workspaceId}, ${input.sourceId}, url, title, summary, author, image_url, published_at, dated, ${input.now.toISOString()}::timestamptz
      from unnest(
        ${sql.param(leaders.map((l) => l.id))}::uuid[],
        ${sql.param(leaders.map((l) => l.canonicalUrl))}::text[],
        ${sql.param(leaders.map((l) => l.entry.title))}::text[],
        ${sql.param(leaders.map((l) => l.entry.summary))}::text[],
        ${sql.param(leaders.map((l) => l.entry.author))}::text[],
        ${sql.param(leaders.map((l) => l.entry.imageUrl))}::text[],
        ${sql.param(leaders.map((l) => l.published.at.toISOString()))}::timestamptz[],
        ${sql.param(leaders.map((l) => l.published.dated))}::boolean[]
      ) as t(id, url, title, summary, author, image_url, published_at, dated)`)
  }
  // Arrays of arrays do not fit unnest: word lists and band keys travel as JSON.
  await tx.execute(sql`
    insert into feed_items (workspace_id, source_id, suggestion_id, key, url, canonical_url, title,
      summary, author, image_url, published_at, dated, first_seen_at, title_words, title_bands)
    select ${input.workspaceId}, ${input.sourceId}, suggestion_id, key, url, canonical_url, title,
      summary, author, image_url, published_at, dated, ${input.now.toISOString()}::timestamptz,
      array(select jsonb_array_elements_text(words)),
      array(select jsonb_array_elements_text(bands)::int)
    from unnest(
      ${sql.param(suggestionIds)}::uuid[],
      ${sql.param(fresh.map((f) => f.entry.key))}::text[],
      ${sql.param(fresh.map((f) => f.entry.url))}::text[],
      ${sql.param(fresh.map((f) => f.canonicalUrl))}::text[],
      ${sql.param(fresh.map((f) => f.entry.title))}::text[],
      ${sql.param(fresh.map((f) => f.entry.summary))}::text[],
      ${sql.param(fresh.map((f) => f.entry.author))}::text[],
      ${sql.param(fresh.map((f) => f.entry.imageUrl))}::text[],
      ${sql.param(fresh.map((f) => f.published.at.toISOString()))}::timestamptz[],
      ${sql.param(fresh.map((f) => f.published.dated))}::boolean[],
      ${sql.param(fresh.map((f) => JSON.stringify(f.words)))}::jsonb[],
      ${sql.param(fresh.map((f) => JSON.stringify(f.bands)))}::jsonb[]
    ) as t(suggestion_id, key, url, canonical_url, title, summary, author, image_url, published_at, dated, words, bands)
    on conflict (source_id, key) do nothing`)
  return { items: fresh.length, suggestions: leaders.length }
}

/**
 * Groups the entries with the known stories, leaving out any whose suggestion is gone
 * since the index saw it (a removed source takes its undecided suggestions along).
 */
async function placeExisting(
  tx: Tx,
  workspaceId: string,
  fresh: readonly StoryKey[],
  known: KnownStory[],
): Promise<Placement[]> {
  const placements = groupStories(fresh, known)
  const named = [
    ...new Set(placements.flatMap((p) => ('suggestionId' in p ? [p.suggestionId] : []))),
  ]
  if (named.length === 0) return placements
  const alive = await tx.execute<{ id: string }>(
    sql`select id from suggestions where id = any(${sql.param(named)}::uuid[])`,
  )
  const gone = new Set(named.filter((id) => !alive.rows.some((row) => row.id === id)))
  if (gone.size === 0) return placements
  forgetSuggestions(workspaceId, gone)
  return groupStories(
    fresh,
    known.filter((story) => !gone.has(story.suggestionId)),
  )
}
