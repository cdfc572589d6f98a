// The measured part of `npm run bench -- feeds cycle`, in a process of its own running the
// compiled server (dist/server) under plain node, as `npm start` does. Under tsx the loader's
// threads (esbuild, ESM hooks for the main and the parsing thread) held ~40 MB more at the
// start and ~70 MB more at the peak, which no running Sous has. Plain JavaScript: no loader.
// Told {sources, hosts, port, databaseUrl?}; answers with the figures.
import { mkdtempSync, rmSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { sql } from 'drizzle-orm'

const dist = (file) => import(new URL(`../dist/server/${file}`, import.meta.url).href)
const [{ claimDueSources }, { setupInstance }, { createCurateJobs }, { createFeedReader }] =
  await Promise.all([
    dist('commands/claim-due-sources.js'),
    dist('commands/setup-instance.js'),
    dist('jobs/curate-jobs.js'),
    dist('networks/feeds/create-feed-reader.js'),
  ])
const [{ FEED_MAX_BYTES }, { createParsePool }, { startWorker }, { createSafeFetch }] =
  await Promise.all([
    dist('networks/feeds/fetch-feed.js'),
    dist('networks/feeds/parse-pool.js'),
    dist('queue/worker.js'),
    dist('security/create-safe-fetch.js'),
  ])
const [{ connect }, { migrateDatabase }, { limitHeapGrowth }] = await Promise.all([
  dist('store/connect.js'),
  dist('store/migrate.js'),
  dist('runtime/limit-heap-growth.js'),
])
// As startSous (src/main.ts) does for every Sous process.
limitHeapGrowth()
const mb = (bytes) => Math.round(bytes / 1_048_576)

process.once('message', async ({ sources, hosts, port, databaseUrl }) => {
  const urls = Array.from(
    { length: sources },
    (_, n) => `http://127.0.1.${(n % hosts) + 1}:${port}/feed/${n}`,
  )
  const dataDir = databaseUrl ? undefined : mkdtempSync(path.join(os.tmpdir(), 'sous-bench-'))
  const database = databaseUrl
    ? await connect({ kind: 'server', url: databaseUrl })
    : await connect({ kind: 'embedded', dataDir })
  await migrateDatabase(database.pool)
  const fetchImpl = createSafeFetch({ allowPrivateNetwork: true, maxResponseBytes: FEED_MAX_BYTES })
  const pool = createParsePool()
  let peak = process.memoryUsage()
  const sampler = setInterval(() => {
    const usage = process.memoryUsage()
    if (usage.rss > peak.rss) peak = usage
  }, 100)
  try {
    const { workspace } = await setupInstance(database.db, {
      email: 'bench@example.com',
      password: 'correct horse battery',
      workspaceName: 'Bench',
    })
    await database.db.execute(sql`
      insert into feed_sources (workspace_id, url, host, title, etag, next_poll_at)
      select ${workspace.id}, url, split_part(split_part(url, '/', 3), ':', 1), url, '"v1"', now() - interval '1 minute'
      from unnest(${sql.param(urls)}::text[]) as t(url)`)
    const reader = createFeedReader({ fetch: fetchImpl, userAgent: 'Sous bench', pool })
    const jobs = createCurateJobs({
      config: { allowPrivateNetwork: true, publicUrl: 'http://bench' },
      reader,
    })
    const rssBefore = process.memoryUsage().rss
    const worker = await startWorker({ database, definitions: jobs.definitions, concurrency: 50 })
    const started = performance.now()
    await claimDueSources(database, { now: new Date() })
    for (let tick = 0; ; tick++) {
      const { rows } = await database.pool.query(
        'select count(*)::int as n from feed_sources where last_polled_at is null or polling_until is not null',
      )
      if ((rows[0]?.n ?? 1) === 0) break
      if (tick % 100 === 99) process.stderr.write(`  … ${rows[0]?.n} sources left\n`)
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
    const seconds = (performance.now() - started) / 1000
    await worker.stop(1_000)
    clearInterval(sampler)
    // Baseline, after the cycle so its garbage stays out of the peak: the same requests,
    // fetched and dropped, one at a time per host.
    const baselineStarted = performance.now()
    await Promise.all(
      Array.from({ length: hosts }, async (_, h) => {
        for (let n = h; n < sources; n += hosts) {
          const response = await fetchImpl(urls[n], { headers: { 'if-none-match': '"v1"' } })
          await response.arrayBuffer()
        }
      }),
    )
    const baselineSeconds = (performance.now() - baselineStarted) / 1000
    const { rows } = await database.pool.query(
      `select (select count(*)::int from feed_items) as items, (select count(*)::int from suggestions) as suggestions,
        (select count(*)::int from feed_sources where failures > 0) as failed`,
    )
    process.send({
      seconds,
      baselineSeconds,
      counts: rows[0],
      peakRssMb: mb(peak.rss),
      heapAtPeakMb: mb(peak.heapUsed),
      externalAtPeakMb: mb(peak.external),
      rssBeforeWorkerMb: mb(rssBefore),
    })
  } finally {
    clearInterval(sampler)
    await pool.close()
    await database.close()
    if (dataDir) rmSync(dataDir, { recursive: true, force: true })
  }
})
