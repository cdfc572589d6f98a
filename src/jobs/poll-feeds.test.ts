import { eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type FeedServer, fixture, rssFeed, startFeedServer } from '../../test/feed-server.ts'
import { countJobs, useJobTestbed } from '../../test/jobs.ts'
import { claimDueSources } from '../commands/claim-due-sources.ts'
import { setupInstance } from '../commands/setup-instance.ts'
import { createFeedReader } from '../networks/feeds/create-feed-reader.ts'
import { createParsePool, type ParsePool } from '../networks/feeds/parse-pool.ts'
import { createSafeFetch } from '../security/create-safe-fetch.ts'
import { feedItems, feedSources } from '../store/schema/index.ts'
import { createCurateJobs } from './curate-jobs.ts'

const testbed = useJobTestbed()
let server: FeedServer
let pool: ParsePool
let workspaceId: string
let jobs: ReturnType<typeof createCurateJobs>

beforeAll(async () => {
  server = await startFeedServer()
  pool = createParsePool()
  const reader = createFeedReader({
    fetch: createSafeFetch({ allowPrivateNetwork: true }),
    userAgent: 'Sous test',
    pool,
    timeoutMs: 2_000,
  })
  jobs = createCurateJobs({
    config: { allowPrivateNetwork: true, publicUrl: 'http://sous.test' },
    reader,
  })
  ;({
    workspace: { id: workspaceId },
  } = await setupInstance(testbed.database.db, {
    email: 'owner@example.com',
    password: 'correct horse battery',
    workspaceName: 'Acme',
  }))
})
afterAll(async () => {
  await server?.close()
  await pool?.close()
})
beforeEach(async () => {
  await testbed.database.db.delete(feedSources)
})

async function follow(urls: string[]) {
  const rows = await testbed.database.db
    .insert(feedSources)
    .values(urls.map((url) => ({ workspaceId, url, host: new URL(url).hostname, title: url })))
    .returning()
  return rows
}

async function followOne(url: string) {
  const [row] = await follow([url])
  if (!row) throw new Error('not followed')
  return row
}

const source = async (id: string) => {
  const [row] = await testbed.database.db.select().from(feedSources).where(eq(feedSources.id, id))
  if (!row) throw new Error('source gone')
  return row
}

/** One polling round as the worker runs it: hand out what is due, then wait for every poll. */
async function pollRound() {
  await claimDueSources(testbed.database, { now: new Date() })
  await vi.waitFor(
    async () =>
      expect(await countJobs(testbed.database, "name = 'poll-host' and state <> 'done'")).toBe(0),
    {
      timeout: 15_000,
      interval: 50,
    },
  )
}

async function dueNow(ids: string[]) {
  await testbed.database.db
    .update(feedSources)
    .set({ nextPollAt: new Date(0) })
    .where(inArray(feedSources.id, ids))
}

describe('polling feeds as jobs', () => {
  it('stores new items once, asks conditionally next time, and keeps the health', async () => {
    let version = 1
    server.on('/changing.xml', (req, res) => {
      if (req.headers['if-none-match'] === `"v${version}"`) {
        res.writeHead(304)
        return res.end()
      }
      res.writeHead(200, { 'content-type': 'application/rss+xml', etag: `"v${version}"` })
      res.end(
        rssFeed(
          'Changing',
          Array.from({ length: version }, (_, i) => ({
            title: `Story number ${i} about bread`,
            link: `https://changing.example/${i}`,
          })),
        ),
      )
    })
    const feed = await followOne(server.url('/changing.xml'))
    await testbed.startWorker({ definitions: jobs.definitions })
    await pollRound()
    expect(await source(feed.id)).toMatchObject({
      etag: '"v1"',
      failures: 0,
      pollingUntil: null,
      format: 'rss',
    })
    await dueNow([feed.id])
    await pollRound()
    expect(
      server.requests.filter((r) => r.path === '/changing.xml').at(-1)?.headers['if-none-match'],
    ).toBe('"v1"')
    expect(
      await testbed.database.db.select().from(feedItems).where(eq(feedItems.sourceId, feed.id)),
    ).toHaveLength(1)
    version = 3
    await dueNow([feed.id])
    await pollRound()
    expect(
      await testbed.database.db.select().from(feedItems).where(eq(feedItems.sourceId, feed.id)),
    ).toHaveLength(3)
    const after = await source(feed.id)
    expect(after.lastSuccessAt).not.toBeNull()
    expect(after.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 25 * 60_000)
  })

  it('a feed that breaks keeps its source and earlier items, says why, and backs off', async () => {
    let broken = false
    server.on('/breaks.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(
        broken
          ? fixture('malformed.xml')
          : rssFeed('Breaks', [{ title: 'Still here tomorrow', link: 'https://breaks.example/1' }]),
      )
    })
    const feed = await followOne(server.url('/breaks.xml'))
    await testbed.startWorker({ definitions: jobs.definitions })
    await pollRound()
    broken = true
    await dueNow([feed.id])
    await pollRound()
    const after = await source(feed.id)
    expect(after).toMatchObject({ failures: 1, failing: false })
    expect(after.lastError).toMatch(/^the feed cannot be read: its XML is malformed/)
    expect(after.nextPollAt.getTime()).toBeGreaterThan(Date.now() + 5 * 60_000)
    expect(
      await testbed.database.db.select().from(feedItems).where(eq(feedItems.sourceId, feed.id)),
    ).toHaveLength(1)
  })

  it('a source failing for days is marked failing and polled once a day', async () => {
    const feed = await followOne(server.url('/nothing-here.xml'))
    await testbed.database.db
      .update(feedSources)
      .set({ failures: 30, failingSince: new Date(Date.now() - 4 * 86_400_000) })
      .where(eq(feedSources.id, feed.id))
    await testbed.startWorker({ definitions: jobs.definitions })
    await pollRound()
    const after = await source(feed.id)
    expect(after).toMatchObject({
      failing: true,
      failures: 31,
      lastError: 'it answered 404 Not Found',
    })
    expect(after.nextPollAt.getTime() - Date.now()).toBeGreaterThan(23 * 3.6e6)
  })

  it('a permanent redirect moves the source to its new address', async () => {
    server.on('/old.xml', (_req, res) => {
      res.writeHead(301, { location: '/fixtures/atom.xml' })
      res.end()
    })
    const feed = await followOne(server.url('/old.xml'))
    await testbed.startWorker({ definitions: jobs.definitions })
    await pollRound()
    expect(await source(feed.id)).toMatchObject({
      url: server.url('/fixtures/atom.xml'),
      failures: 0,
    })
  })

  it('one request at a time per host; a 429 holds the rest of the host back as long as it asks', async () => {
    let inFlight = 0
    let most = 0
    server.on('/slow.xml', (_req, res) => {
      most = Math.max(most, ++inFlight)
      setTimeout(() => {
        inFlight--
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
        res.end(rssFeed('Slow', [{ title: 'Slowly', link: 'https://slow.example/1' }]))
      }, 60)
    })
    const sources = await follow(
      Array.from({ length: 6 }, (_, i) => `${server.url('/slow.xml')}?n=${i}`),
    )
    await testbed.startWorker({ definitions: jobs.definitions, concurrency: 10 })
    await pollRound()
    expect(most).toBe(1)
    for (const s of sources) expect((await source(s.id)).failures).toBe(0)

    server.on('/busy.xml', (_req, res) => {
      res.writeHead(429, { 'retry-after': '3600' })
      res.end()
    })
    const busy = await follow([
      server.url('/busy.xml'),
      ...Array.from({ length: 3 }, (_, i) => `${server.url('/slow.xml')}?later=${i}`),
    ])
    // The 429 comes first in its host's batch; the others are never asked this round.
    await testbed.database.db
      .update(feedSources)
      .set({ nextPollAt: new Date(Date.now() - 60_000) })
      .where(eq(feedSources.id, busy[0]?.id ?? ''))
    const asked = server.requests.length
    await pollRound()
    expect(server.requests.slice(asked).map((r) => r.path)).toEqual(['/busy.xml'])
    for (const s of busy)
      expect((await source(s.id)).nextPollAt.getTime() - Date.now()).toBeGreaterThan(3_500_000)
    expect((await source(busy[0]?.id ?? '')).lastError).toBe('it answered 429 Too Many Requests')
  })
})
