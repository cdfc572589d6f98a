import type { IncomingMessage, ServerResponse } from 'node:http'
import { asc, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { type FeedServer, fixture, rssFeed, startFeedServer } from '../../test/feed-server.ts'
import { countJobs, useJobTestbed } from '../../test/jobs.ts'
import { claimDueSources } from '../commands/claim-due-sources.ts'
import { setupInstance } from '../commands/setup-instance.ts'
import { createFeedReader } from '../networks/feeds/create-feed-reader.ts'
import { FEED_MAX_BYTES } from '../networks/feeds/fetch-feed.ts'
import { createParsePool, type ParsePool } from '../networks/feeds/parse-pool.ts'
import { createSafeFetch } from '../security/create-safe-fetch.ts'
import { feedItems, feedSources } from '../store/schema/index.ts'
import { createCurateJobs } from './curate-jobs.ts'

// The bad input, each served by a local HTTP server to a followed source that first
// read fine, and polled by the real worker through the guard as production runs it (the
// test server stands in for a public host by name; every other address is checked). After
// each: the worker still polls, the source stays with its earlier items, and says why.

const testbed = useJobTestbed()
let server: FeedServer
let pool: ParsePool
let workspaceId: string
let jobs: ReturnType<typeof createCurateJobs>
/** What each path answers now: the good feed until a test turns it bad. */
const answers = new Map<string, (req: IncomingMessage, res: ServerResponse) => void>()

beforeAll(async () => {
  server = await startFeedServer()
  pool = createParsePool()
  const reader = createFeedReader({
    fetch: createSafeFetch({
      allowPrivateNetwork: false,
      trustedPeers: [`localhost:${server.port}`],
      maxResponseBytes: FEED_MAX_BYTES,
    }),
    userAgent: 'Sous test',
    pool,
    timeoutMs: 1_500,
  })
  jobs = createCurateJobs({
    config: { allowPrivateNetwork: false, publicUrl: 'http://sous.test' },
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

/** Addresses by name: `localhost:port` stands in for a public host, the guard trusts it alone. */
const at = (path: string) => `http://localhost:${server.port}${path}`

const serve =
  (type: string, body: string | Buffer) => (_req: IncomingMessage, res: ServerResponse) => {
    res.writeHead(200, { 'content-type': type })
    res.end(body)
  }
const redirect = (location: string) => (_req: IncomingMessage, res: ServerResponse) => {
  res.writeHead(302, { location })
  res.end()
}

/** A source at `path` that read one item fine; `answers` then decides what it serves. */
async function followGood(path: string) {
  answers.set(
    path,
    serve(
      'application/rss+xml',
      rssFeed('Good', [
        { title: `Kept from before (${path})`, link: `https://kept.example${path}` },
      ]),
    ),
  )
  server.on(path, (req, res) => answers.get(path)?.(req, res))
  const url = at(path)
  const [row] = await testbed.database.db
    .insert(feedSources)
    .values({ workspaceId, url, host: new URL(url).hostname, title: path })
    .returning()
  if (!row) throw new Error('not followed')
  await pollRound()
  expect(await titles(row.id)).toEqual([`Kept from before (${path})`])
  return row
}

async function pollRound() {
  // A millisecond on: the database's now() has microseconds, and a source followed within
  // the same millisecond would otherwise be due a fraction after a JS Date's now.
  await claimDueSources(testbed.database, { now: new Date(Date.now() + 1) })
  await vi.waitFor(
    async () =>
      expect(await countJobs(testbed.database, "name = 'poll-host' and state <> 'done'")).toBe(0),
    { timeout: 15_000, interval: 50 },
  )
}

async function pollAgain(ids: string[]) {
  await testbed.database.db
    .update(feedSources)
    .set({ nextPollAt: new Date(0) })
    .where(inArray(feedSources.id, ids))
  await pollRound()
}

const source = async (id: string) => {
  const [row] = await testbed.database.db.select().from(feedSources).where(eq(feedSources.id, id))
  if (!row) throw new Error('the source is gone')
  return row
}

async function items(sourceId: string) {
  return testbed.database.db
    .select()
    .from(feedItems)
    .where(eq(feedItems.sourceId, sourceId))
    .orderBy(asc(feedItems.seq))
}
const titles = async (sourceId: string) => (await items(sourceId)).map((i) => i.title)

/** The source that turned bad is still there, erring with `reason`, its item kept; then it heals. */
async function expectKeptAndHealed(path: string, id: string, reason: RegExp) {
  const after = await source(id)
  expect(after.lastError, path).toMatch(reason)
  expect(after.failures).toBe(1)
  expect(await titles(id)).toEqual([`Kept from before (${path})`])
  // The worker is alive and the source reads again once its feed is good.
  answers.set(
    path,
    serve(
      'application/rss+xml',
      rssFeed('Good', [{ title: 'Good again', link: 'https://kept.example/again' }]),
    ),
  )
  await pollAgain([id])
  expect(await source(id)).toMatchObject({ failures: 0 })
  expect(await titles(id)).toContain('Good again')
}

describe('bad input, served over HTTP, polled by the worker', () => {
  beforeEach(async () => {
    await testbed.startWorker({ definitions: jobs.definitions, concurrency: 4 })
  })

  it.each([
    [
      'an external entity',
      () => serve('application/rss+xml', fixture('external-entity.xml')),
      /external entity, which Sous never loads/,
    ],
    [
      'malformed XML',
      () => serve('application/rss+xml', fixture('malformed.xml')),
      /^the feed cannot be read: its XML is malformed/,
    ],
    [
      'HTML served as a feed',
      () => serve('text/html; charset=utf-8', fixture('page-without-feed.html')),
      /^it answered with a web page, not a feed$/,
    ],
    [
      'a redirect to a private address',
      () => redirect('http://10.0.0.1/feed.xml'),
      /^it leads to 10\.0\.0\.1, a private or reserved address/,
    ],
    [
      'a redirect to an IP literal',
      () => redirect(`http://2130706433:${server.port}/fixtures/rss2.xml`),
      /^it leads to 127\.0\.0\.1, a private or reserved address/,
    ],
    [
      'a redirect to the metadata address',
      () => redirect('http://169.254.169.254/latest/meta-data/'),
      /^it leads to 169\.254\.169\.254/,
    ],
    [
      'a 100 MB body',
      () => (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
        const chunk = Buffer.alloc(1024 * 1024, 'a')
        let sent = 0
        let closed = false
        res.on('close', () => {
          closed = true
        })
        const write = () => {
          while (!closed && sent < 100 && res.write(chunk)) sent++
          if (closed) return
          if (sent < 100) res.once('drain', write)
          else res.end()
        }
        write()
      },
      /^it is larger than 5 MB, the most a feed may be$/,
    ],
    [
      'a body that never ends',
      () => (_req: IncomingMessage, res: ServerResponse) => {
        res.writeHead(200, { 'content-type': 'application/rss+xml' })
        res.write('<rss version="2.0"><channel><title>drip</title>')
        const timer = setInterval(() => res.write(' '), 100)
        res.on('close', () => clearInterval(timer))
      },
      /^it did not answer in time$/,
    ],
  ])('%s: the source stays, says why, keeps its items, and heals', async (_name, bad, reason) => {
    const path = `/bad/${_name.replace(/\W+/g, '-')}`
    const feed = await followGood(path)
    answers.set(path, bad())
    await pollAgain([feed.id])
    await expectKeptAndHealed(path, feed.id, reason)
  })

  it('a billion laughs is never expanded: its items are stored as written, the earlier ones stay', async () => {
    const feed = await followGood('/bad/laughs')
    answers.set('/bad/laughs', serve('application/rss+xml', fixture('billion-laughs.xml')))
    await pollAgain([feed.id])
    expect(await source(feed.id)).toMatchObject({ failures: 0 })
    const stored = await titles(feed.id)
    expect(stored).toContain('Kept from before (/bad/laughs)')
    expect(stored.every((t) => t.length < 100)).toBe(true)
  })
})

describe('feeds that are odd but readable, served over HTTP', () => {
  beforeEach(async () => {
    await testbed.startWorker({ definitions: jobs.definitions, concurrency: 4 })
  })

  async function readAs(path: string, type: string, body: Buffer) {
    const feed = await followGood(path)
    answers.set(path, serve(type, body))
    await pollAgain([feed.id])
    expect(await source(feed.id)).toMatchObject({ failures: 0, lastError: null })
    return feed.id
  }

  it('a wrong charset in the header falls to the XML declaration (windows-1252)', async () => {
    const id = await readAs(
      '/odd/wrong-charset',
      'text/xml; charset=utf-8',
      fixture('windows-1252.xml'),
    )
    expect(await titles(id)).toContain('Crème brûlée — “the” classic')
  })

  it('no charset anywhere reads as windows-1252; Shift_JIS by its declaration', async () => {
    const latin = await readAs(
      '/odd/no-charset',
      'application/xml',
      fixture('undeclared-latin1.xml'),
    )
    expect(await titles(latin)).toContain('Crêpe au citron')
    const japanese = await readAs('/odd/shift-jis', 'application/xml', fixture('shift-jis.xml'))
    expect(await titles(japanese)).toContain('和菓子の作り方')
  })

  it('relative links resolve against the feed’s site (itself resolved against the feed); a javascript: link is dropped', async () => {
    const id = await readAs(
      '/odd/blog/feed.xml',
      'application/rss+xml',
      fixture('relative-links.xml'),
    )
    const urls = (await items(id)).map((i) => i.url)
    expect(urls).toEqual(
      expect.arrayContaining([at('/notes/one'), at('/two.html'), 'http://cdn.example/three']),
    )
    expect(urls.some((u) => u.startsWith('javascript:'))).toBe(false)
  })

  it('odd dates are read; missing, nonsense, placeholder and future ones are when Sous first saw them', async () => {
    const id = await readAs('/odd/dates', 'application/rss+xml', fixture('odd-dates.xml'))
    const rows = await items(id)
    const when = Object.fromEntries(
      rows
        .filter((r) => !r.title.startsWith('Kept'))
        .map((r) => [r.title, r.dated ? r.publishedAt.toISOString() : 'first seen']),
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
  })

  it('RSS 0.91 with its Netscape DOCTYPE', async () => {
    const id = await readAs('/odd/rss091', 'application/rss+xml', fixture('rss091.xml'))
    expect(await titles(id)).toEqual(
      expect.arrayContaining(['Pain de campagne, the slow way', 'Why we still use a wood oven']),
    )
    expect((await source(id)).format).toBe('rss')
  })
})
