import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FeedServer, fixture, startFeedServer } from '../../../test/feed-server.ts'
import { createSafeFetch } from '../../security/create-safe-fetch.ts'
import { createFeedReader, type FeedReader, feedUserAgent } from './create-feed-reader.ts'
import { FeedError } from './feed-error.ts'
import { FEED_MAX_BYTES } from './fetch-feed.ts'
import { createParsePool, type ParsePool } from './parse-pool.ts'

let server: FeedServer
let pool: ParsePool
let reader: FeedReader
const USER_AGENT = feedUserAgent('https://sous.example')

beforeAll(async () => {
  server = await startFeedServer()
  pool = createParsePool()
  reader = createFeedReader({
    fetch: createSafeFetch({ allowPrivateNetwork: true, maxResponseBytes: FEED_MAX_BYTES }),
    userAgent: USER_AGENT,
    pool,
    timeoutMs: 1_500,
  })
  const rss = fixture('rss2.xml')
  server.on('/etag', (req, res) => {
    if (req.headers['if-none-match'] === '"v1"') {
      res.writeHead(304, { etag: '"v1"', 'cache-control': 'max-age=3600' })
      return res.end()
    }
    res.writeHead(200, {
      'content-type': 'application/rss+xml',
      etag: '"v1"',
      'last-modified': 'Tue, 03 Mar 2026 09:30:00 GMT',
    })
    res.end(rss)
  })
  const hop =
    (status: number, to: string) => (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(status, { location: to })
      res.end()
    }
  server.on('/moved', hop(301, '/moved-again'))
  server.on('/moved-again', hop(308, '/fixtures/rss2.xml'))
  server.on('/found', hop(302, '/fixtures/rss2.xml'))
  for (let i = 0; i < 7; i++) server.on(`/loop${i}`, hop(302, `/loop${i + 1}`))
  server.on('/huge', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    // 100 MB announced by streaming, no Content-Length: the cap must cut it, not the end.
    const chunk = Buffer.alloc(1024 * 1024, 'a')
    let sent = 0
    const write = () => {
      while (sent < 100 && res.write(chunk)) sent++
      if (sent < 100) res.once('drain', write)
      else res.end()
    }
    res.on('close', () => {
      sent = 100
    })
    write()
  })
  server.on('/never-ends', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.write('<rss version="2.0"><channel><title>drip</title>')
    const timer = setInterval(() => res.write(' '), 100)
    res.on('close', () => clearInterval(timer))
  })
  server.on('/busy', (_req, res) => {
    res.writeHead(429, { 'retry-after': '120' })
    res.end()
  })
  server.on('/down', (_req, res) => {
    res.writeHead(503, { 'retry-after': 'Wed, 21 Oct 2099 07:28:00 GMT' })
    res.end()
  })
})
afterAll(async () => {
  await server.close()
  await pool.close()
})

async function failure(promise: Promise<unknown>): Promise<FeedError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  )
  expect(error).toBeInstanceOf(FeedError)
  return error as FeedError
}

describe('polling a feed', () => {
  it('names Sous and the instance in its User-Agent, and reads the feed', async () => {
    const polled = await reader.poll({ url: server.url('/fixtures/rss2.xml') })
    expect(polled.changed && polled.feed.entries.length).toBe(2)
    expect(server.requests.at(-1)?.headers['user-agent']).toBe(
      'Sous/0.1 (feed reader; +https://sous.example)',
    )
  })

  it('asks conditionally and takes 304 as unchanged, with the validators to keep', async () => {
    const first = await reader.poll({ url: server.url('/etag') })
    expect(first).toMatchObject({
      changed: true,
      etag: '"v1"',
      lastModified: 'Tue, 03 Mar 2026 09:30:00 GMT',
    })
    const second = await reader.poll({
      url: server.url('/etag'),
      etag: '"v1"',
      lastModified: 'Tue, 03 Mar 2026 09:30:00 GMT',
    })
    expect(second).toEqual({
      changed: false,
      finalUrl: server.url('/etag'),
      movedTo: null,
      maxAgeSeconds: 3600,
    })
    expect(server.requests.at(-1)?.headers).toMatchObject({
      'if-none-match': '"v1"',
      'if-modified-since': 'Tue, 03 Mar 2026 09:30:00 GMT',
    })
  })

  it('follows redirects; only permanent ones all the way give a new address', async () => {
    const moved = await reader.poll({ url: server.url('/moved') })
    expect(moved).toMatchObject({ changed: true, movedTo: server.url('/fixtures/rss2.xml') })
    const found = await reader.poll({ url: server.url('/found') })
    expect(found).toMatchObject({
      changed: true,
      movedTo: null,
      finalUrl: server.url('/fixtures/rss2.xml'),
    })
  })

  it('stops after 5 redirects', async () => {
    const error = await failure(reader.poll({ url: server.url('/loop0') }))
    expect(error).toMatchObject({
      kind: 'too_many_redirects',
      reason: 'it redirects more than 5 times',
    })
  })

  it('cuts a 100 MB body at the 5 MB cap, with a clear reason', async () => {
    const error = await failure(reader.poll({ url: server.url('/huge') }))
    expect(error).toMatchObject({
      kind: 'too_large',
      reason: 'it is larger than 5 MB, the most a feed may be',
    })
  })

  it('gives up on a body that never ends, within the time limit', async () => {
    const started = Date.now()
    const error = await failure(reader.poll({ url: server.url('/never-ends') }))
    expect(error).toMatchObject({ kind: 'timeout', reason: 'it did not answer in time' })
    expect(Date.now() - started).toBeLessThan(4_000)
  })

  it('hears 429 and 503 with Retry-After as "come back later"', async () => {
    expect(await failure(reader.poll({ url: server.url('/busy') }))).toMatchObject({
      kind: 'rate_limited',
      reason: 'it answered 429 Too Many Requests',
      retryAfterMs: 120_000,
    })
    const down = await failure(reader.poll({ url: server.url('/down') }))
    expect(down.kind).toBe('rate_limited')
    expect(down.retryAfterMs).toBeGreaterThan(86_400_000)
  })

  it('says a web page is not a feed, and HTTP errors by their status', async () => {
    expect(
      await failure(reader.poll({ url: server.url('/fixtures/page-with-alternate.html') })),
    ).toMatchObject({
      kind: 'unreadable',
      reason: 'it answered with a web page, not a feed',
    })
    expect(await failure(reader.poll({ url: server.url('/gone') }))).toMatchObject({
      kind: 'http',
      reason: 'it answered 404 Not Found',
    })
  })

  it('parses 5 MB of character references off the main thread, which keeps ticking', async () => {
    const refs = '&#233;'.repeat(Math.floor((FEED_MAX_BYTES - 400) / 6))
    server.on('/refs.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(
        `<rss version="2.0"><channel><title>Refs</title><item><title>${refs}</title><link>https://refs.example/1</link></item></channel></rss>`,
      )
    })
    let ticks = 0
    let longest = 0
    let last = performance.now()
    const timer = setInterval(() => {
      const now = performance.now()
      longest = Math.max(longest, now - last)
      last = now
      ticks++
    }, 10)
    try {
      const polled = await reader.poll({ url: server.url('/refs.xml') })
      expect(polled.changed && polled.feed.entries[0]?.title.startsWith('ééé')).toBe(true)
    } finally {
      clearInterval(timer)
    }
    expect(ticks).toBeGreaterThan(5)
    expect(longest).toBeLessThan(250)
  })

  it('keeps the parsing thread working after hostile bodies', async () => {
    for (const name of ['external-entity.xml', 'malformed.xml']) {
      const error = await failure(reader.poll({ url: server.url(`/fixtures/${name}`) }))
      expect(error.kind).toBe('unreadable')
    }
    // Its entities are left as written, never expanded.
    const laughs = await reader.poll({ url: server.url('/fixtures/billion-laughs.xml') })
    expect(laughs.changed && laughs.feed.entries[0]?.title).toBe('&lol9;')
    const after = await reader.poll({ url: server.url('/fixtures/atom.xml') })
    expect(after.changed && after.feed.title).toBe('Pastry Lab')
  })
})

describe('discovering a feed from what a person typed', () => {
  it('takes a feed address as it is, and a page by its first <link rel="alternate">', async () => {
    const direct = await reader.discover(server.url('/fixtures/atom.xml'))
    expect(direct.feedUrl).toBe(server.url('/fixtures/atom.xml'))
    const page = await reader.discover(server.url('/fixtures/page-with-alternate.html'))
    expect(page.feedUrl).toBe(server.url('/fixtures/rss2.xml'))
    expect(page.feed.title).toBe('Kitchen Notes')
  })

  it('says so when a page names no feed', async () => {
    const error = await failure(reader.discover(server.url('/fixtures/page-without-feed.html')))
    expect(error.reason).toBe(
      'it is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)',
    )
  })
})

describe('the SSRF guard on every hop', () => {
  it('refuses localhost and the metadata address before connecting', async () => {
    const guarded = createFeedReader({
      fetch: createSafeFetch({ allowPrivateNetwork: false }),
      userAgent: USER_AGENT,
      pool,
    })
    const local = await failure(
      guarded.discover(`http://localhost:${server.port}/fixtures/rss2.xml`),
    )
    expect(local).toMatchObject({ kind: 'refused' })
    expect(local.reason).toMatch(
      /a private or reserved address; Sous only fetches public addresses/,
    )
    const metadata = await failure(
      guarded.poll({ url: 'http://169.254.169.254/latest/meta-data/' }),
    )
    expect(metadata).toMatchObject({
      kind: 'refused',
      reason:
        'it leads to 169.254.169.254, a private or reserved address; Sous only fetches public addresses',
    })
  })

  it('refuses a redirect from a public host to a private address or an IP literal', async () => {
    // The test server stands in for a public host under its name; by IP literal it is checked.
    const standIn = createFeedReader({
      fetch: createSafeFetch({
        allowPrivateNetwork: false,
        trustedPeers: [`localhost:${server.port}`],
      }),
      userAgent: USER_AGENT,
      pool,
    })
    server.on('/to-literal', (_req, res) => {
      res.writeHead(302, { location: `http://2130706433:${server.port}/fixtures/rss2.xml` })
      res.end()
    })
    server.on('/to-metadata', (_req, res) => {
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' })
      res.end()
    })
    const start = `http://localhost:${server.port}`
    expect((await standIn.poll({ url: `${start}/fixtures/rss2.xml` })).changed).toBe(true)
    expect(await failure(standIn.poll({ url: `${start}/to-literal` }))).toMatchObject({
      kind: 'refused',
      reason:
        'it leads to 127.0.0.1, a private or reserved address; Sous only fetches public addresses',
    })
    expect(await failure(standIn.poll({ url: `${start}/to-metadata` }))).toMatchObject({
      kind: 'refused',
    })
  })
})
