import { readdirSync, readFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, expectTypeOf, it, vi } from 'vitest'
import { type FeedServer, rssFeed, startFeedServer } from '../../test/feed-server.ts'
import { countJobs, useJobTestbed } from '../../test/jobs.ts'
import type { ScheduleInput } from '../commands/schedule-post.ts'
import { setupInstance } from '../commands/setup-instance.ts'
import { createFeedReader } from '../networks/feeds/create-feed-reader.ts'
import { createParsePool, type ParsePool } from '../networks/feeds/parse-pool.ts'
import { enqueue } from '../queue/enqueue.ts'
import { createSafeFetch } from '../security/create-safe-fetch.ts'
import { feedSources } from '../store/schema/index.ts'
import { createCurateJobs } from './curate-jobs.ts'
import { pollFeedsJob } from './poll-feeds-job.ts'

// Product law: Sous never publishes what no person approved. Curation finds and ranks; a
// person shares, writes and schedules. These tests hold the line from both sides.

const SRC = fileURLToPath(new URL('..', import.meta.url))

/** Everything curation runs: polling, storing, ranking, deciding, and its routes. */
const CURATE_ENTRIES = [
  'core/curate',
  'networks/feeds',
  'jobs/curate-jobs.ts',
  'jobs/poll-feeds-job.ts',
  'jobs/poll-host-job.ts',
  'commands/add-source.ts',
  'commands/import-sources.ts',
  'commands/remove-source.ts',
  'commands/set-topics.ts',
  'commands/ingest-feed-entries.ts',
  'commands/record-feed-poll.ts',
  'commands/record-feed-failure.ts',
  'commands/claim-due-sources.ts',
  'commands/release-sources.ts',
  'commands/decide-suggestion.ts',
  'commands/share-suggestion.ts',
  'server/routes/source-routes.ts',
  'server/routes/suggestion-routes.ts',
]

/** What makes or sends a post: none of it may be reachable from curation. */
const POSTING = [
  /^commands\/schedule-post\.ts$/,
  /^commands\/write-deliveries\.ts$/,
  /^commands\/publish-delivery\.ts$/,
  /^commands\/claim-delivery\.ts$/,
  /^commands\/approve-post\.ts$/,
  /^commands\/reschedule-post\.ts$/,
  /^jobs\/deliver-job\.ts$/,
  /^queue\/specs\/deliver-spec\.ts$/,
  /^networks\/[^/]+\/publish\.ts$/,
  /^networks\/registry\.ts$/,
]

function filesUnder(entry: string): string[] {
  if (/\.m?ts$/.test(entry)) return [entry]
  return readdirSync(path.join(SRC, entry), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.(ts|mjs)$/.test(e.name) && !e.name.endsWith('.test.ts'))
    .map((e) => path.relative(SRC, path.join(e.parentPath, e.name)))
}

/** Relative modules a file loads at run time (`import type` loads nothing). */
function runtimeImports(file: string): string[] {
  const text = readFileSync(path.join(SRC, file), 'utf8')
  const found: string[] = []
  for (const match of text.matchAll(/^\s*(import|export)\s+(?!type\b)[^;]*?from\s+'(\.[^']+)'/gm))
    found.push(match[2] as string)
  for (const match of text.matchAll(/import\(\s*'(\.[^']+)'\s*\)/g)) found.push(match[1] as string)
  return found.map((spec) =>
    path.relative(SRC, path.resolve(path.dirname(path.join(SRC, file)), spec)),
  )
}

describe('curation never posts', () => {
  it('reaches no module that makes, schedules or sends a post', () => {
    const seen = new Set<string>()
    const queue = CURATE_ENTRIES.flatMap(filesUnder)
    const paths = new Map<string, string>(queue.map((f) => [f, f]))
    while (queue.length) {
      const file = queue.pop() as string
      if (seen.has(file)) continue
      seen.add(file)
      for (const next of runtimeImports(file)) {
        if (!paths.has(next)) paths.set(next, `${paths.get(file)} → ${next}`)
        queue.push(next)
      }
    }
    const reached = [...seen].filter((file) => POSTING.some((rule) => rule.test(file)))
    expect(reached.map((file) => paths.get(file))).toEqual([])
    expect(seen.size).toBeGreaterThan(30)
  })
})

/** Every server module (the web UI and tests aside) with the modules it loads at run time. */
function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>()
  for (const top of readdirSync(SRC, { withFileTypes: true })) {
    if (['web', 'client'].includes(top.name) || top.name.endsWith('.test.ts')) continue
    for (const file of filesUnder(top.name)) graph.set(file, runtimeImports(file))
  }
  return graph
}

describe('no code path makes a post from a feed item without a person', () => {
  const graph = importGraph()
  const text = (file: string) => readFileSync(path.join(SRC, file), 'utf8')
  /** Modules that write the posts table: the only ways a post comes to be. */
  const writers = [...graph.keys()].filter((f) =>
    /\.insert\(\s*posts\s*\)|insert\s+into\s+posts\b/i.test(text(f)),
  )

  it('every module that writes a post is reached only through an HTTP route, where a person is signed in', () => {
    expect(writers.length).toBeGreaterThanOrEqual(3)
    const importers = new Map<string, string[]>()
    for (const [file, imports] of graph)
      for (const target of imports) importers.set(target, [...(importers.get(target) ?? []), file])
    // Walk back from each writer, stopping at routes: what is left may only be commands.
    const reached = new Set<string>()
    const queue = [...writers]
    while (queue.length) {
      const file = queue.pop() as string
      for (const by of importers.get(file) ?? []) {
        if (reached.has(by)) continue
        reached.add(by)
        if (!by.startsWith('server/routes/')) queue.push(by)
      }
    }
    const elsewhere = [...reached].filter(
      (f) => !f.startsWith('server/routes/') && !f.startsWith('commands/'),
    )
    expect(elsewhere).toEqual([])
    // Nothing a worker runs (jobs, the queue, feeds, networks) is among them.
    expect([...reached].filter((f) => /^(jobs|queue|networks|core|store)\//.test(f))).toEqual([])
  })

  it('each of them records the person who asked, from an input that cannot leave them out', () => {
    for (const writer of writers) {
      expect(text(writer), writer).toMatch(/\buserId: string\b/)
      expect(text(writer), writer).toMatch(/createdBy: input\.userId\b/)
    }
    expectTypeOf<ScheduleInput['userId']>().toEqualTypeOf<string>()
  })

  it('a post is tied to a suggestion only by schedule-post, for the person who wrote it', () => {
    const linking = [...graph.keys()].filter((f) => /set\(\{\s*postId\b/.test(text(f)))
    expect(linking).toEqual(['commands/link-suggestion-to-post.ts'])
    const callers = [...graph].filter(([, imports]) =>
      imports.includes('commands/link-suggestion-to-post.ts'),
    )
    expect(callers.map(([file]) => file)).toEqual(['commands/schedule-post.ts'])
  })
})

const WORDS =
  'bread butter yeast flour oven crust salt sugar honey rye spelt barley malt dough starter knife whisk copper cast iron'.split(
    ' ',
  )

describe('polling many feeds', () => {
  const testbed = useJobTestbed()
  let server: FeedServer
  let pool: ParsePool
  beforeAll(async () => {
    server = await startFeedServer()
    pool = createParsePool()
  })
  afterAll(async () => {
    await server?.close()
    await pool?.close()
  })

  it('stores suggestions and creates no post, variant or delivery', async () => {
    const { workspace } = await setupInstance(testbed.database.db, {
      email: 'owner@example.com',
      password: 'correct horse battery',
      workspaceName: 'Acme',
    })
    server.on('/feed.xml', (req, res) => {
      const n = Number(new URL(req.url ?? '/', 'http://x').searchParams.get('n'))
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(
        rssFeed(
          `Feed ${n}`,
          Array.from({ length: 10 }, (_, i) => ({
            title: `${WORDS[n % WORDS.length]} news: k${n}x${i} and q${n}y${i}z`,
            link: `https://feed${n}.example/${i}`,
          })),
        ),
      )
    })
    await testbed.database.db.insert(feedSources).values(
      Array.from({ length: 40 }, (_, n) => ({
        workspaceId: workspace.id,
        url: `${server.url('/feed.xml')}?n=${n}`,
        host: `host-${n % 4}`,
        title: `Feed ${n}`,
      })),
    )
    const reader = createFeedReader({
      fetch: createSafeFetch({ allowPrivateNetwork: true }),
      userAgent: 'Sous test',
      pool,
    })
    const jobs = createCurateJobs({
      config: { allowPrivateNetwork: true, publicUrl: 'http://sous.test' },
      reader,
    })
    await testbed.startWorker({ definitions: jobs.definitions })
    await enqueue(testbed.database, pollFeedsJob, {})
    const count = async (table: string) =>
      Number(
        (await testbed.database.pool.query(`select count(*)::int as n from ${table}`)).rows[0].n,
      )
    await vi.waitFor(async () => expect(await count('feed_items')).toBe(400), {
      timeout: 20_000,
      interval: 100,
    })
    await vi.waitFor(
      async () => expect(await countJobs(testbed.database, "state <> 'done'")).toBe(0),
      { timeout: 10_000 },
    )
    expect(await count('suggestions')).toBe(400)
    expect(await count("suggestions where state <> 'new' or post_id is not null")).toBe(0)
    for (const table of ['posts', 'variants', 'deliveries'])
      expect(await count(table), table).toBe(0)
    expect(await count("audit_log where action like 'post.%'")).toBe(0)
  })
})
