// `npm run bench -- feeds [cycle|parse|freshness|dedupe]`: curation's figures, each beside a
// baseline measured in the same run, then one JSON line.
// - cycle: one polling cycle over 10,000 sources on local servers (50 loopback hosts, 90 %
//   answering 304, 10 % a changed feed of 50 items in RSS, Atom, RDF or JSON Feed, 2 % slow),
//   through the real jobs, reader, parsing thread and embedded database, measured in a child
//   running the compiled server (feeds-cycle.mjs; `cycle N postgres` on PostgreSQL). Baseline:
//   the same 10,000 requests fetched and thrown away.
// - parse: feedsmith against rss-parser on the changed bodies of the cycle (XML only:
//   rss-parser does not read JSON Feed).
// - freshness: from an item appearing in a feed to it being a ranked suggestion, p95, with
//   the polling interval shortened to 10 s and sources handed out every second.
// - dedupe: precision and recall of the merge on test/fixtures/feeds/syndicated.json,
//   against canonical-URL-only merging.
import { fork } from 'node:child_process'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import { parseFeed } from 'feedsmith'
import Parser from 'rss-parser'
// @ts-expect-error plain JavaScript without types: the build script bin/sous.js shares
import { build } from '../scripts/build.mjs'
import { claimDueSources } from '../src/commands/claim-due-sources.ts'
import { DEFAULT_POLL_POLICY } from '../src/core/curate/poll-schedule.ts'
import { rankedPage } from '../src/core/curate/rank-suggestions.ts'
import { createCurateJobs } from '../src/jobs/curate-jobs.ts'
import { createFeedReader } from '../src/networks/feeds/create-feed-reader.ts'
import { createParsePool } from '../src/networks/feeds/parse-pool.ts'
import { startWorker } from '../src/queue/worker.ts'
import { createSafeFetch } from '../src/security/create-safe-fetch.ts'
import { loadSuggestionQueue } from '../src/store/queries/suggestion-queue.ts'
import { feedSources } from '../src/store/schema/index.ts'
import { FORMATS, feedBody, ITEMS_PER_FEED, title } from './feed-corpus.ts'
import { dedupe, workspaceIn } from './feeds-dedupe.ts'
import { freshDatabase } from './fresh-database.ts'

let SOURCES = 10_000
/** `cycle N postgres` runs the cycle on PostgreSQL (TEST_DATABASE_URL) instead of embedded. */
let BACKEND: 'embedded' | 'server' = 'embedded'
const HOSTS = 50
const CHANGED_SHARE = 0.1
const SLOW_SHARE = 0.02
const GOALS = { cycleSeconds: 60, rssMb: 400 }
const load = () => os.loadavg()[0]?.toFixed(2) ?? '?'

/** `args`: which part to run (all by default), then for `cycle` the number of sources. */
export async function run(args: string[]): Promise<void> {
  const only = args[0]
  if (args[1]) SOURCES = Number(args[1])
  if (args[2] === 'postgres') BACKEND = 'server'
  const results: Record<string, unknown> = {}
  let bodies: string[] = []
  if (!only || only === 'cycle' || only === 'parse') {
    const cycle = await pollingCycle()
    bodies = cycle.bodies
    if (!only || only === 'cycle') results.cycle = cycle.figures
  }
  if (!only || only === 'parse') results.parse = await parsers(bodies)
  if (!only || only === 'freshness') results.freshness = await freshness()
  if (!only || only === 'dedupe') results.dedupe = await dedupe()
  console.log(JSON.stringify({ bench: 'feeds', ...results }))
}

/** One HTTP server per loopback address 127.0.1.1 … 127.0.1.50: fifty hosts, one machine. */
async function startHosts(handler: http.RequestListener) {
  const servers: http.Server[] = []
  const hosts: string[] = []
  const server = http.createServer(handler)
  await new Promise<void>((resolve) => server.listen(0, '127.0.1.1', resolve))
  const { port } = server.address() as AddressInfo
  servers.push(server)
  hosts.push(`127.0.1.1:${port}`)
  for (let h = 2; h <= HOSTS; h++) {
    const more = http.createServer(handler)
    await new Promise<void>((resolve) => more.listen(port, `127.0.1.${h}`, resolve))
    servers.push(more)
    hosts.push(`127.0.1.${h}:${port}`)
  }
  return {
    hosts,
    close: async () => {
      for (const s of servers) {
        s.closeAllConnections()
        await new Promise((resolve) => s.close(resolve))
      }
    },
  }
}

// ——— one polling cycle over 10,000 sources ———

async function pollingCycle() {
  const child = fork(new URL('./feed-hosts.ts', import.meta.url), { execArgv: ['--import', 'tsx'] })
  const ask = <T>(message: unknown) =>
    new Promise<T>((resolve) => {
      child.once('message', (answer) => resolve(answer as T))
      child.send(message as string)
    })
  const { port } = await ask<{ port: number }>({
    hosts: HOSTS,
    changedEvery: Math.round(1 / CHANGED_SHARE),
    slowEvery: Math.round(1 / SLOW_SHARE),
  })
  const servers = {
    hosts: Array.from({ length: HOSTS }, (_, h) => `127.0.1.${h + 1}:${port}`),
    close: async () => {
      child.kill()
    },
  }
  // PostgreSQL: the database is made here (the test helpers are TypeScript), used there.
  const server = BACKEND === 'server' ? await freshDatabase('server') : null
  build(['server'])
  const cycle = fork(new URL('./feeds-cycle.mjs', import.meta.url), { execArgv: [] })
  try {
    const measured = await new Promise<CycleFigures>((resolve, reject) => {
      cycle.once('message', (answer) => resolve(answer as CycleFigures))
      cycle.once('exit', (code) => reject(new Error(`the measured cycle exited (${code})`)))
      cycle.send({ sources: SOURCES, hosts: HOSTS, port, databaseUrl: server?.url })
    })
    const { served } = await ask<{ served: number }>('served')
    const { seconds } = measured
    const figures = {
      sources: SOURCES,
      hosts: HOSTS,
      database: BACKEND,
      seconds: round(seconds),
      // The baseline asked once more per source after the cycle.
      requestsPerSecond: Math.round((served - SOURCES) / seconds),
      itemsStored: measured.counts.items,
      itemsPerSecond: Math.round(measured.counts.items / seconds),
      suggestions: measured.counts.suggestions,
      failedSources: measured.counts.failed,
      peakRssMb: measured.peakRssMb,
      heapAtPeakMb: measured.heapAtPeakMb,
      externalAtPeakMb: measured.externalAtPeakMb,
      rssBeforeWorkerMb: measured.rssBeforeWorkerMb,
      baselineFetchOnlySeconds: round(measured.baselineSeconds),
      loadAverage: load(),
    }
    console.log(
      `Polling cycle, ${SOURCES} sources on ${HOSTS} hosts (${Math.round(CHANGED_SHARE * 100)} % changed × ${ITEMS_PER_FEED} items, ${Math.round(SLOW_SHARE * 100)} % slow), one worker, ${BACKEND === 'embedded' ? 'embedded database' : 'PostgreSQL'}, compiled server under plain node:\n` +
        `  ${figures.seconds} s, ${figures.requestsPerSecond} requests/s, ${figures.itemsStored} items stored (${figures.itemsPerSecond}/s), ${figures.suggestions} suggestions, ${figures.failedSources} sources failed\n` +
        `  peak RSS ${figures.peakRssMb} MB (process, database and parsing thread included; ${figures.rssBeforeWorkerMb} MB before the worker started)\n` +
        `  baseline, the same requests fetched and dropped: ${figures.baselineFetchOnlySeconds} s\n` +
        `  goals: ≤ ${GOALS.cycleSeconds} s ${seconds <= GOALS.cycleSeconds ? 'met' : 'MISSED'}, RSS ≤ ${GOALS.rssMb} MB ${figures.peakRssMb <= GOALS.rssMb ? 'met' : 'MISSED'}; load average ${figures.loadAverage}`,
    )
    const { bodies } = await ask<{ bodies: string[] }>('bodies')
    return { figures, bodies }
  } finally {
    cycle.kill()
    await server?.close()
    await servers.close()
  }
}

type CycleFigures = {
  seconds: number
  baselineSeconds: number
  counts: { items: number; suggestions: number; failed: number }
  peakRssMb: number
  heapAtPeakMb: number
  externalAtPeakMb: number
  rssBeforeWorkerMb: number
}

// ——— feedsmith beside rss-parser ———

async function parsers(bodies: string[]) {
  const corpus = (
    bodies.length
      ? bodies
      : FORMATS.flatMap((f) => Array.from({ length: 250 }, (_, n) => feedBody(n, f, 'x.example')))
  ).filter((b) => b.startsWith('<'))
  const megabytes = corpus.reduce((sum, b) => sum + Buffer.byteLength(b), 0) / 1_048_576
  const time = async (parse: (body: string) => unknown) => {
    for (const body of corpus.slice(0, 50)) await parse(body) // warm-up
    const started = performance.now()
    for (const body of corpus) await parse(body)
    return (performance.now() - started) / 1000
  }
  const rssParser = new Parser()
  const feedsmith = await time((body) => parseFeed(body))
  const baseline = await time((body) => rssParser.parseString(body))
  const figures = {
    feeds: corpus.length,
    megabytes: round(megabytes),
    feedsmithFeedsPerSecond: Math.round(corpus.length / feedsmith),
    feedsmithMbPerSecond: round(megabytes / feedsmith),
    rssParserFeedsPerSecond: Math.round(corpus.length / baseline),
    rssParserMbPerSecond: round(megabytes / baseline),
    loadAverage: load(),
  }
  console.log(
    `Parsing ${figures.feeds} XML feeds (${figures.megabytes} MB; RSS, Atom, RDF), one thread:\n` +
      `  feedsmith   ${figures.feedsmithFeedsPerSecond} feeds/s, ${figures.feedsmithMbPerSecond} MB/s\n` +
      `  rss-parser  ${figures.rssParserFeedsPerSecond} feeds/s, ${figures.rssParserMbPerSecond} MB/s (baseline)\n` +
      `  load average ${figures.loadAverage}`,
  )
  return figures
}

// ——— freshness: appearing in a feed → ranked suggestion ———

async function freshness() {
  const INTERVAL_MS = 10_000
  const FEEDS = 20
  const RUN_MS = 40_000
  const published = new Map<string, number>() // title → when it appeared
  const items = new Map<number, Array<{ title: string; link: string }>>()
  const servers = await startHosts((req, res) => {
    const n = Number(new URL(req.url ?? '/', 'http://x').pathname.split('/')[2])
    const list = items.get(n) ?? []
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.end(
      `<rss version="2.0"><channel><title>F${n}</title><link>http://x/</link>${list
        .map((i) => `<item><title>${i.title}</title><link>${i.link}</link></item>`)
        .join('')}</channel></rss>`,
    )
  })
  const database = await freshDatabase('embedded')
  const pool = createParsePool()
  const timers: NodeJS.Timeout[] = []
  try {
    const workspaceId = await workspaceIn(database)
    await database.db.insert(feedSources).values(
      Array.from({ length: FEEDS }, (_, n) => {
        const url = `http://${servers.hosts[n % HOSTS]}/feed/${n}`
        return { workspaceId, url, host: new URL(url).hostname, title: `F${n}` }
      }),
    )
    const policy = {
      ...DEFAULT_POLL_POLICY,
      defaultIntervalMs: INTERVAL_MS,
      minIntervalMs: INTERVAL_MS,
    }
    const reader = createFeedReader({
      fetch: createSafeFetch({ allowPrivateNetwork: true }),
      userAgent: 'Sous bench',
      pool,
    })
    const jobs = createCurateJobs({
      config: { allowPrivateNetwork: true, publicUrl: 'http://bench' },
      reader,
      policy,
    })
    const worker = await startWorker({ database, definitions: jobs.definitions, concurrency: 50 })
    const dispatcher = setInterval(() => void claimDueSources(database, { now: new Date() }), 1_000)
    timers.push(dispatcher)
    // New items appear at random moments in random feeds.
    let k = 0
    const appear = () => {
      const n = Math.floor(Math.random() * FEEDS)
      const t = title(1_000_000 + n, k++)
      items.set(
        n,
        [{ title: t, link: `http://x.example/${n}/${k}` }, ...(items.get(n) ?? [])].slice(0, 20),
      )
      published.set(t, Date.now())
    }
    const appearing = setInterval(appear, 250)
    timers.push(appearing)
    const latencies: number[] = []
    const seen = new Set<string>()
    const until = Date.now() + RUN_MS
    while (Date.now() < until + INTERVAL_MS * 2) {
      if (Date.now() >= until) clearInterval(appearing)
      const queue = await loadSuggestionQueue(database.db, workspaceId, {
        state: 'new',
        now: new Date(),
      })
      const ranked = rankedPage(queue.candidates, queue.context, { limit: 10_000 })
      const now = Date.now()
      for (const { candidate } of ranked) {
        const at = published.get(candidate.title)
        if (at !== undefined && !seen.has(candidate.title)) {
          seen.add(candidate.title)
          latencies.push(now - at)
        }
      }
      if (Date.now() >= until && seen.size === published.size) break
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
    clearInterval(dispatcher)
    await worker.stop(1_000)
    latencies.sort((a, b) => a - b)
    const pct = (p: number) =>
      latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))] ?? 0
    const figures = {
      pollingIntervalSeconds: INTERVAL_MS / 1000,
      handOutEverySeconds: 1,
      items: published.size,
      ranked: latencies.length,
      p50Seconds: round(pct(0.5) / 1000),
      p95Seconds: round(pct(0.95) / 1000),
      maxSeconds: round((latencies.at(-1) ?? 0) / 1000),
      baselineIntervalSeconds: INTERVAL_MS / 1000,
      loadAverage: load(),
    }
    console.log(
      `Freshness, item appears in a feed → ranked suggestion (${figures.items} items in ${FEEDS} feeds, polling every ${figures.pollingIntervalSeconds} s, sources handed out every second):\n` +
        `  p50 ${figures.p50Seconds} s, p95 ${figures.p95Seconds} s, max ${figures.maxSeconds} s (${figures.ranked} of ${figures.items} seen); the polling interval alone bounds it at ${figures.baselineIntervalSeconds} s\n` +
        `  with the defaults (every 30 min, or the feed's ttl; hand-out every minute) expect p95 ≈ 0.95 × interval + 1 min; load average ${figures.loadAverage}`,
    )
    return figures
  } finally {
    for (const t of timers) clearInterval(t)
    await pool.close()
    await database.close()
    await servers.close()
  }
}

function round(n: number): number {
  return Math.round(n * 100) / 100
}
