// `npm run bench -- feeds dedupe`: precision and recall of merging syndicated copies (the same
// story from several sources, titles edited) on test/fixtures/feeds/syndicated.json, through
// the real ingest, against merging by canonical URL alone.
import os from 'node:os'
import { ingestFeedEntries } from '../src/commands/ingest-feed-entries.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import type { Database } from '../src/store/connect.ts'
import { feedSources } from '../src/store/schema/index.ts'
import syndicated from '../test/fixtures/feeds/syndicated.json' with { type: 'json' }
import { freshDatabase } from './fresh-database.ts'

const load = () => os.loadavg()[0]?.toFixed(2) ?? '?'
const round = (n: number) => Math.round(n * 100) / 100

export async function workspaceIn(database: Database): Promise<string> {
  const { workspace } = await setupInstance(database.db, {
    email: 'bench@example.com',
    password: 'correct horse battery',
    workspaceName: 'Bench',
  })
  return workspace.id
}

// ——— dedupe on syndicated copies ———

export async function dedupe() {
  const database = await freshDatabase('embedded')
  try {
    const workspaceId = await workspaceIn(database)
    const copies = syndicated.stories.flatMap((story, s) =>
      story.copies.map((text, c) => ({
        story: story.id,
        source: c,
        title: text,
        // Every third story's second copy is the first one's link with tracking parameters.
        url:
          c === 1 && s % 3 === 0
            ? `https://news${0}.example/${story.id}?utm_source=syndication&fbclid=x`
            : `https://news${c}.example/${story.id}`,
      })),
    )
    const sourceCount = Math.max(...copies.map((c) => c.source)) + 1
    const sources = await database.db
      .insert(feedSources)
      .values(
        Array.from({ length: sourceCount }, (_, i) => ({
          workspaceId,
          url: `https://news${i}.example/feed`,
          host: `news${i}.example`,
          title: `News ${i}`,
        })),
      )
      .returning({ id: feedSources.id })
    const now = new Date()
    for (const [i, source] of sources.entries()) {
      const entries = copies
        .filter((c) => c.source === i)
        .map((c) => ({
          key: c.url,
          url: c.url,
          title: c.title,
          summary: null,
          author: null,
          imageUrl: null,
          published: now.toISOString(),
        }))
      await database.db.transaction((tx) =>
        ingestFeedEntries(tx, { workspaceId, sourceId: source.id, entries, now }),
      )
    }
    const { rows } = await database.pool.query<{
      title: string
      suggestion_id: string
      canonical_url: string
    }>('select title, suggestion_id, canonical_url from feed_items')
    const byTitle = new Map(rows.map((r) => [r.title, r]))
    const score = (same: (a: (typeof rows)[number], b: (typeof rows)[number]) => boolean) => {
      let tp = 0
      let fp = 0
      let fn = 0
      for (const [i, a] of copies.entries()) {
        for (const b of copies.slice(i + 1)) {
          const ra = byTitle.get(a.title)
          const rb = byTitle.get(b.title)
          if (!ra || !rb) continue
          const merged = same(ra, rb)
          if (a.story === b.story) merged ? tp++ : fn++
          else if (merged) fp++
        }
      }
      return {
        precision: round(tp / Math.max(1, tp + fp)),
        recall: round(tp / Math.max(1, tp + fn)),
        pairs: tp + fn,
        falseMerges: fp,
      }
    }
    const merged = score((a, b) => a.suggestion_id === b.suggestion_id)
    const baseline = score((a, b) => a.canonical_url === b.canonical_url)
    const figures = {
      copies: copies.length,
      stories: syndicated.stories.length,
      ...merged,
      baselineUrlOnly: baseline,
      loadAverage: load(),
    }
    console.log(
      `Dedupe, ${figures.copies} items telling ${figures.stories} stories (${merged.pairs} same-story pairs):\n` +
        `  canonical URL + near-duplicate title: precision ${merged.precision}, recall ${merged.recall} (${merged.falseMerges} false merges)\n` +
        `  baseline, canonical URL only:          precision ${baseline.precision}, recall ${baseline.recall}\n` +
        `  load average ${figures.loadAverage}`,
    )
    return figures
  } finally {
    await database.close()
  }
}
