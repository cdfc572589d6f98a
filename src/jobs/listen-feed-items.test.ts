import { and, eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import { ingestFeedEntries } from '../commands/ingest-feed-entries.ts'
import { FEEDS_SOURCE } from '../core/listen/source-names.ts'
import { createLogger } from '../logger.ts'
import type { FeedEntry } from '../networks/feeds/feed-document.ts'
import { feedSources, inboxItems, listenLeases, workspaces } from '../store/schema/index.ts'
import { listenSourcesFor } from './listen-sources.ts'
import { type Listener, startListener } from './run-listener.ts'

let t: TestApp
let owner: TestOwner
let base: string
let ownFeed: string
let otherWorkspace: string
let otherFeed: string
const listeners: Listener[] = []

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
  const [other] = await t.database.db.insert(workspaces).values({ name: 'Other' }).returning()
  otherWorkspace = other?.id ?? ''
  const feed = async (workspaceId: string, host: string) => {
    const [row] = await t.database.db
      .insert(feedSources)
      .values({ workspaceId, url: `https://${host}/feed`, host, title: host })
      .returning()
    return row?.id ?? ''
  }
  ownFeed = await feed(owner.workspace.id, 'bakery.example')
  otherFeed = await feed(otherWorkspace, 'elsewhere.example')
})
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()))
})
afterAll(async () => {
  await t?.close()
})

const config = { jetstreamUrl: 'ws://127.0.0.1:9/unreachable', publicUrl: 'http://sous.test' }
const listen = () => {
  const listener = startListener({
    database: t.database,
    config,
    logger: createLogger(t.config),
    sources: listenSourcesFor(t.database.db, config),
    tickMs: 100,
    leaseTtlMs: 1_000,
    flushMs: 30,
  })
  listeners.push(listener)
  return listener
}

/** Items arrive as curation's poller stores them. */
const publish = (workspaceId: string, sourceId: string, title: string) => {
  const url = `https://example.com/${encodeURIComponent(title)}`
  const entry: FeedEntry = {
    key: url,
    url,
    title,
    summary: null,
    author: null,
    imageUrl: null,
    published: null,
  }
  return t.database.db
    .transaction((tx) =>
      ingestFeedEntries(tx, { workspaceId, sourceId, entries: [entry], now: new Date() }),
    )
    .then(() => url)
}

const save = async (name: string, body: Record<string, unknown>) => {
  const response = await t.request('POST', `${base}/searches`, {
    cookie: owner.cookie,
    body: { name, ...body },
  })
  expect(response.status).toBe(201)
  return response.json.search as { id: string; feeds: boolean }
}

const matchesOf = async (id: string) =>
  (await t.request('GET', `${base}/searches/${id}/matches`, { cookie: owner.cookie })).json
    .items as Array<{ uri: string; url: string; text: string }>

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000) {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > ms) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

const feedsLease = async () =>
  (await t.database.db.select().from(listenLeases).where(eq(listenLeases.source, FEEDS_SOURCE)))[0]

describe('listening to the workspace’s feed items', () => {
  it('matches new items for the searches that opted in, of their own workspace only, and resumes after a restart', async () => {
    const withFeeds = await save('Sourdough in feeds', { query: 'sourdough', feeds: true })
    expect(withFeeds.feeds).toBe(true)
    const without = await save('Sourdough on Bluesky', { query: 'sourdough' })
    expect(without.feeds).toBe(false)
    listen()
    await until(feedsLease, (lease) => lease?.state === 'connected')

    const mine = await publish(owner.workspace.id, ownFeed, 'A sourdough starter guide')
    await publish(owner.workspace.id, ownFeed, 'Rye bread, slowly')
    await publish(otherWorkspace, otherFeed, 'Sourdough news from another workspace')
    const matched = await until(
      () => matchesOf(withFeeds.id),
      (items) => items.length > 0,
    )
    expect(matched.map((m) => [m.url, m.text])).toEqual([[mine, 'A sourdough starter guide']])
    // Let the other items pass the listener before saying nothing else matched.
    await until(feedsLease, (lease) => (lease?.cursor ?? 0) >= 3)
    expect(await matchesOf(withFeeds.id)).toHaveLength(1)
    expect(await matchesOf(without.id)).toEqual([])
    const [item] = await t.database.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.workspaceId, owner.workspace.id), eq(inboxItems.url, mine)))
    expect(item).toMatchObject({
      source: 'listening',
      network: null,
      text: 'A sourdough starter guide',
    })

    // Items that arrive while nobody listens are read from the stored cursor.
    await Promise.all(listeners.splice(0).map((l) => l.stop()))
    const away = await publish(owner.workspace.id, ownFeed, 'Sourdough while away')
    listen()
    const after = await until(
      () => matchesOf(withFeeds.id),
      (items) => items.length === 2,
    )
    expect(after.map((m) => m.url)).toEqual([away, mine])
  }, 60_000)

  it('reads no feeds while no search opted in to them', async () => {
    for (const search of (await t.request('GET', `${base}/searches`, { cookie: owner.cookie })).json
      .items) {
      await t.request('DELETE', `${base}/searches/${search.id}`, { cookie: owner.cookie })
    }
    await save('Bread on Bluesky only', { query: 'bread' })
    await t.database.db.delete(listenLeases)
    const listener = listen()
    await new Promise((resolve) => setTimeout(resolve, 500))
    expect(await feedsLease()).toBeUndefined()
    await listener.stop()
  })
})
