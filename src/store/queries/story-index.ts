import { sql } from 'drizzle-orm'
import type { KnownStory } from '../../core/curate/group-stories.ts'
import type { Tx } from '../executor.ts'

type Entry = {
  suggestionId: string
  canonicalUrl: string
  /** The title's content words, space-joined: one string instead of an array of them. */
  words: string
  seenAt: number
  /** False once its suggestion is gone. */
  alive: boolean
}

/**
 * Band key → entry number, several entries per key, in two typed arrays with linear
 * probing. A Map of arrays took 145 MB for 50,000 items (20 keys each); this takes 16 MB.
 */
class BandTable {
  private keys = new Int32Array(1 << 16)
  private values = new Int32Array(1 << 16).fill(-1)
  private size = 0

  add(key: number, value: number): void {
    if ((this.size + 1) * 2 > this.values.length) this.grow()
    let slot = this.slotOf(key)
    while ((this.values[slot] as number) !== -1) slot = (slot + 1) & (this.values.length - 1)
    this.keys[slot] = key
    this.values[slot] = value
    this.size++
  }

  each(key: number, visit: (value: number) => void): void {
    let slot = this.slotOf(key)
    for (;;) {
      const value = this.values[slot] as number
      if (value === -1) return
      if (this.keys[slot] === key) visit(value)
      slot = (slot + 1) & (this.values.length - 1)
    }
  }

  private slotOf(key: number): number {
    return (Math.imul(key, 0x9e3779b1) >>> 0) & (this.values.length - 1)
  }

  private grow(): void {
    const { keys, values } = this
    this.keys = new Int32Array(keys.length * 2)
    this.values = new Int32Array(values.length * 2).fill(-1)
    this.size = 0
    for (let slot = 0; slot < values.length; slot++) {
      if ((values[slot] as number) !== -1) this.add(keys[slot] as number, values[slot] as number)
    }
  }
}

type WorkspaceStories = {
  lastSeq: number
  entries: Entry[]
  bands: BandTable
  byUrl: Map<string, number[]>
  /** Entries before this one have expired (entries come in `seq` order, about time order). */
  expired: number
  dead: number
}

/** Per workspace, the recent items' keys, caught up from the database by `seq`. */
const indexes = new Map<string, WorkspaceStories>()

/**
 * The recent stories (first seen after `since`) with one of `canonicalUrls`, or whose
 * titles share an LSH band key with `bands`: the candidates an entry may be a copy of.
 * Held in memory and caught up on each call with the items inserted since (`seq` orders
 * them per workspace, under the advisory lock the caller holds), so several workers each
 * see every committed item. In the database the same lookup by a GIN index took 190 ms for
 * 1,000 keys embedded (bench/feeds.ts).
 */
export async function recentStories(
  tx: Tx,
  workspaceId: string,
  wanted: { canonicalUrls: readonly string[]; bands: readonly number[] },
  since: Date,
): Promise<KnownStory[]> {
  const oldest = since.getTime()
  let index = indexes.get(workspaceId) ?? empty()
  while ((index.entries[index.expired]?.seenAt ?? Number.POSITIVE_INFINITY) <= oldest)
    index.expired++
  // Rebuilt without expired and dead entries once they are a tenth of it (lookups skip them
  // meanwhile): starting over from the database is simplest, and this call catches up.
  const stale = index.expired + index.dead
  if (stale >= 1_000 && stale * 10 >= index.entries.length) index = empty()
  indexes.set(workspaceId, index)
  const fresh = await tx.execute<{
    seq: number
    suggestion_id: string
    canonical_url: string
    words: string
    title_bands: number[]
    first_seen_at: string | Date
  }>(sql`
    select seq::float8 as seq, suggestion_id, canonical_url,
      array_to_string(title_words, ' ') as words, title_bands, first_seen_at
    from feed_items
    where workspace_id = ${workspaceId} and seq > ${index.lastSeq}
      and first_seen_at > ${since.toISOString()}::timestamptz
    order by seq`)
  for (const row of fresh.rows) {
    add(index, row.title_bands, {
      suggestionId: row.suggestion_id,
      canonicalUrl: row.canonical_url,
      // Joined by the database: parsing each array into strings only to join them again
      // was a quarter of a polling cycle's garbage (bench/feeds.ts).
      words: row.words,
      seenAt: new Date(row.first_seen_at).getTime(),
      alive: true,
    })
    index.lastSeq = Math.max(index.lastSeq, Number(row.seq))
  }

  const found = new Set<number>()
  for (const band of wanted.bands) index.bands.each(band, (n) => found.add(n))
  for (const url of wanted.canonicalUrls) for (const n of index.byUrl.get(url) ?? []) found.add(n)
  const stories: KnownStory[] = []
  for (const n of found) {
    const entry = index.entries[n]
    if (!entry?.alive || entry.seenAt <= oldest) continue
    const words = entry.words ? entry.words.split(' ') : []
    stories.push({ suggestionId: entry.suggestionId, canonicalUrl: entry.canonicalUrl, words })
  }
  return stories
}

/** Forgets stories whose suggestion is gone (its source was removed). */
export function forgetSuggestions(workspaceId: string, suggestionIds: ReadonlySet<string>): void {
  const index = indexes.get(workspaceId)
  for (const entry of index?.entries ?? []) {
    if (entry.alive && suggestionIds.has(entry.suggestionId)) {
      entry.alive = false
      if (index) index.dead++
    }
  }
}

function empty(): WorkspaceStories {
  return { lastSeq: 0, entries: [], bands: new BandTable(), byUrl: new Map(), expired: 0, dead: 0 }
}

function add(index: WorkspaceStories, bands: readonly number[], entry: Entry): void {
  const n = index.entries.push(entry) - 1
  for (const band of bands) index.bands.add(band, n)
  const same = index.byUrl.get(entry.canonicalUrl)
  if (same) same.push(n)
  else index.byUrl.set(entry.canonicalUrl, [n])
}
