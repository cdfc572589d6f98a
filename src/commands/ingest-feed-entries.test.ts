import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, type TestDatabase } from '../../test/database.ts'
import { fixture } from '../../test/feed-server.ts'
import type { FeedEntry } from '../networks/feeds/feed-document.ts'
import { readBody } from '../networks/feeds/read-body.ts'
import { feedItems, feedSources, suggestions } from '../store/schema/index.ts'
import { ingestFeedEntries } from './ingest-feed-entries.ts'
import { removeSource } from './remove-source.ts'
import { setupInstance } from './setup-instance.ts'

let database: TestDatabase
let workspaceId: string
let userId: string
beforeAll(async () => {
  database = await createTestDatabase()
  const { workspace, user } = await setupInstance(database.db, {
    email: 'owner@example.com',
    password: 'correct horse battery',
    workspaceName: 'Acme',
  })
  workspaceId = workspace.id
  userId = user.id
})
afterAll(async () => {
  await database?.close()
})

const entry = (url: string, title: string): FeedEntry => ({
  key: url,
  url,
  title,
  summary: null,
  author: null,
  imageUrl: null,
  published: null,
})

async function source(name: string) {
  const [row] = await database.db
    .insert(feedSources)
    .values({
      workspaceId,
      url: `https://${name}.example/feed`,
      host: `${name}.example`,
      title: name,
    })
    .returning()
  if (!row) throw new Error('no source')
  return row.id
}

const ingest = (sourceId: string, entries: FeedEntry[]) =>
  database.db.transaction((tx) =>
    ingestFeedEntries(tx, { workspaceId, sourceId, entries, now: new Date() }),
  )

describe('ingesting feed entries', () => {
  it('stores each entry once per source, and joins copies from other sources to one story', async () => {
    const a = await source('a')
    const b = await source('b')
    const first = [
      entry('https://news.example/rust?utm_source=a', 'Rust 1.85 ships the 2024 edition'),
    ]
    expect(await ingest(a, first)).toEqual({ items: 1, suggestions: 1 })
    expect(await ingest(a, first)).toEqual({ items: 0, suggestions: 0 })
    expect(
      await ingest(b, [
        entry('https://news.example/rust?fbclid=b', 'A different headline, same link'),
        entry('https://b.example/rust', 'Rust 1.85 Ships the 2024 Edition - The Register'),
        entry('https://b.example/coffee', 'Coffee prices hit a 50-year high'),
      ]),
    ).toEqual({ items: 3, suggestions: 1 })
    const items = await database.db.select().from(feedItems)
    const [story] = await database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.url, 'https://news.example/rust'))
    expect(items.filter((i) => i.suggestionId === story?.id)).toHaveLength(3)
  })

  it('dates what feeds date oddly, and takes missing, nonsense or future dates as first seen', async () => {
    const reading = readBody({
      bytes: fixture('odd-dates.xml'),
      contentType: 'application/rss+xml',
      url: 'https://dates.example/feed',
      expect: 'feed',
    })
    if (reading.kind !== 'feed') throw new Error('not read')
    const now = new Date('2026-03-03T12:00:00Z')
    const sourceId = await source('dates')
    await database.db.transaction((tx) =>
      ingestFeedEntries(tx, { workspaceId, sourceId, entries: reading.feed.entries, now }),
    )
    const rows = await database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.sourceId, sourceId))
    const when = Object.fromEntries(
      rows.map((r) => [r.title, r.dated ? r.publishedAt.toISOString() : 'first seen']),
    )
    expect(when).toEqual({
      'Named zone': '2026-03-02T13:00:00.000Z',
      'European zone': '2026-03-02T06:00:00.000Z',
      'No zone': '2026-03-02T08:00:00.000Z',
      Nonsense: 'first seen',
      Missing: 'first seen',
      'Far future': 'first seen',
      'Epoch placeholder': 'first seen',
    })
    expect(
      rows.filter((r) => !r.dated).every((r) => r.publishedAt.getTime() === now.getTime()),
    ).toBe(true)
  })

  it('makes a new story when the one it copies went with its source', async () => {
    const gone = await source('gone')
    await ingest(gone, [
      entry('https://gone.example/bread', 'Sourdough bread may be easier to digest, study finds'),
    ])
    await removeSource(database.db, { workspaceId, sourceId: gone, userId })
    const c = await source('c')
    expect(
      await ingest(c, [
        entry('https://c.example/bread', 'Study finds sourdough bread may be easier to digest'),
      ]),
    ).toEqual({ items: 1, suggestions: 1 })
  })
})
