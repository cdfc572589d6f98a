// `npm run bench -- followers [--followers 100000 --follows 2000 --new 1000 --embedded 1
// --server 0]`: syncs an account with 100,000 followers from a FAKE of Bluesky's list
// endpoints (bench/followers-fake.ts) through the real adapter, the sync jobs on a real
// worker and the database, without the pause that keeps a real sync inside the network's
// limit (that pause is added back as the "paced" estimate). Then 1,000 new followers arrive
// and an incremental pass finds them; then the review page's API calls are timed, the first
// (cold) one included. Baseline in the same run: the requests the adapter's full listing
// (counts and last post per person, as the review cards need) would take for the same list.

import { randomBytes } from 'node:crypto'
import { setTimeout as sleep } from 'node:timers/promises'
import { eq } from 'drizzle-orm'
import { connectAccount } from '../src/commands/connect-account.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import { startPeopleSync } from '../src/commands/start-people-sync.ts'
import { loadConfig } from '../src/config.ts'
import { syncGapMs } from '../src/core/people/sync-plan.ts'
import { createPeopleJobs } from '../src/jobs/people-jobs.ts'
import { createLogger } from '../src/logger.ts'
import { createBlueskyAdapter } from '../src/networks/bluesky/index.ts'
import type { NetworkRegistry } from '../src/networks/registry.ts'
import { startWorker } from '../src/queue/worker.ts'
import { createApp } from '../src/server/app.ts'
import { peopleSyncs } from '../src/store/schema/index.ts'
import { type ListsFake, startListsFake } from './followers-fake.ts'
import { type BenchDatabase, freshDatabase } from './fresh-database.ts'

const DEFAULTS = { followers: 100_000, follows: 2_000, new: 1_000, embedded: 1, server: 0 }
type Flags = typeof DEFAULTS

function readFlags(args: string[]): Flags {
  const flags = { ...DEFAULTS }
  for (let i = 0; i < args.length; i += 2) {
    const key = args[i]?.replace(/^--/, '') as keyof Flags
    if (!(key in flags)) throw new Error(`unknown flag ${args[i]}`)
    flags[key] = Number(args[i + 1])
  }
  return flags
}

const loadavg = async () =>
  (await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')
const rssMb = () => Math.round(process.resourceUsage().maxRSS / 1024)
const total = (requests: Map<string, number>) => [...requests.values()].reduce((a, b) => a + b, 0)
const PASSWORD = 'a long bench passphrase'

async function waitIdle(
  database: BenchDatabase,
  accountId: string,
  onSample?: (s: string) => void,
) {
  let lastReport = 0
  for (;;) {
    const rows = await database.db
      .select()
      .from(peopleSyncs)
      .where(eq(peopleSyncs.accountId, accountId))
    if (rows.length === 2 && rows.every((r) => r.state === 'idle')) return rows
    const failed = rows.find((r) => r.lastError)
    if (failed) throw new Error(`sync failed: ${failed.lastError}`)
    if (onSample && Date.now() - lastReport > 5_000) {
      lastReport = Date.now()
      const f = rows.find((r) => r.list === 'followers')
      if (f) onSample(`${f.state} ${f.listed}/${f.expected ?? '?'}`)
    }
    await sleep(100)
  }
}

async function runOne(kind: 'embedded' | 'server', flags: Flags) {
  const fake: ListsFake = await startListsFake(flags)
  const database = await freshDatabase(kind)
  const secret = randomBytes(32)
  const { user, workspace } = await setupInstance(database.db, {
    email: 'bench@example.com',
    password: PASSWORD,
    workspaceName: 'Bench',
  })
  const adapter = createBlueskyAdapter({ fetch: globalThis.fetch })
  const account = await connectAccount(database, secret, {
    workspaceId: workspace.id,
    userId: user.id,
    network: 'bluesky',
    service: fake.url,
    identity: { id: fake.did, handle: 'bench.test', displayName: 'Bench', url: '' },
    credentials: {
      service: fake.url,
      identifier: 'bench.test',
      appPassword: 'x',
      did: fake.did,
      handle: 'bench.test',
      accessJwt: 'a',
      refreshJwt: 'r',
    },
  })
  const networks = { bluesky: adapter, adapterFor: () => adapter } as unknown as NetworkRegistry
  const jobs = createPeopleJobs({ networks, secret, step: { gapMs: 0 } })
  const worker = await startWorker({ database, definitions: jobs.definitions, concurrency: 4 })
  try {
    // 1. The first sync: both lists, to the end, with context for the follows.
    const started = performance.now()
    for (const list of ['followers', 'follows'] as const) {
      await startPeopleSync(database, { accountId: account.id, list })
    }
    await waitIdle(database, account.id, (s) => console.error(`  ${kind}: ${s}`))
    const firstMs = performance.now() - started
    const firstRequests = new Map(fake.requests)
    const firstRss = rssMb()
    const firstLoad = await loadavg()

    // 2. New followers arrive; an incremental pass finds them and reads their cards' context.
    fake.addFollowers(flags.new)
    fake.requests.clear()
    const again = performance.now()
    await startPeopleSync(database, {
      accountId: account.id,
      list: 'followers',
      kind: 'incremental',
    })
    await startPeopleSync(database, { accountId: account.id, list: 'follows', kind: 'incremental' })
    await waitIdle(database, account.id)
    const incrementalMs = performance.now() - again
    const incrementalRequests = new Map(fake.requests)

    // 3. The review page's API calls, the first one cold.
    const config = loadConfig({ LOG_LEVEL: 'silent', SOUS_PUBLIC_URL: 'http://sous.bench' })
    const { app } = createApp({ database, config, logger: createLogger(config), secret, networks })
    const login = await app.request('http://sous.bench/api/v1/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'bench@example.com', password: PASSWORD }),
    })
    const cookie = login.headers.get('set-cookie')?.split(';')[0] ?? ''
    const base = `http://sous.bench/api/v1/workspaces/${workspace.id}`
    const timed = async (path: string) => {
      const t0 = performance.now()
      const res = await app.request(`${base}${path}`, { headers: { cookie } })
      const body = (await res.json()) as { items?: unknown[] }
      if (res.status !== 200) throw new Error(`${path}: ${res.status} ${JSON.stringify(body)}`)
      return { ms: performance.now() - t0, items: body.items?.length ?? 0 }
    }
    const pages = {
      reviewFirst: await timed(`/accounts/${account.id}/followers?status=new`),
      counts: await timed('/people'),
      allFollowers: await timed(`/accounts/${account.id}/followers?status=all`),
      inactive: await timed(`/accounts/${account.id}/following?filter=inactive`),
      noInteraction: await timed(`/accounts/${account.id}/following?filter=no-interaction`),
    }
    const warm: number[] = []
    for (let i = 0; i < 20; i++)
      warm.push((await timed(`/accounts/${account.id}/followers?status=new`)).ms)
    warm.sort((a, b) => a - b)

    // Baseline: the adapter's full listing, 3 pages, extrapolated to the whole list.
    fake.requests.clear()
    const session = {
      credentials: {
        service: fake.url,
        identifier: 'bench.test',
        appPassword: 'x',
        did: fake.did,
        handle: 'bench.test',
        accessJwt: 'a',
        refreshJwt: 'r',
      },
      saveCredentials: async () => {},
    }
    let cursor: string | undefined
    for (let i = 0; i < 3; i++)
      cursor = (await adapter.listFollowers(session, cursor, 100, 'full')).cursor
    const fullPerPage = total(fake.requests) / 3
    const gap = syncGapMs(adapter.capabilities.rateLimit)
    const syncRequests = total(firstRequests)
    return {
      backend: kind,
      followers: flags.followers,
      follows: flags.follows,
      firstSyncS: +(firstMs / 1000).toFixed(1),
      firstSyncRequests: syncRequests,
      firstSyncByMethod: Object.fromEntries(firstRequests),
      firstSyncPacedMin: +((syncRequests * gap) / 60_000).toFixed(1),
      peakRssMb: firstRss,
      loadavgAfterFirst: firstLoad,
      newFollowers: flags.new,
      incrementalS: +(incrementalMs / 1000).toFixed(1),
      incrementalRequests: total(incrementalRequests),
      incrementalByMethod: Object.fromEntries(incrementalRequests),
      pageMs: Object.fromEntries(Object.entries(pages).map(([k, v]) => [k, +v.ms.toFixed(1)])),
      reviewItems: pages.reviewFirst.items,
      reviewWarmP50Ms: +(warm[10] ?? 0).toFixed(1),
      baselineFullListingRequests: Math.round(fullPerPage * (flags.followers / 100)),
      baselineFullListingPacedMin: +(
        (fullPerPage * (flags.followers / 100) * gap) /
        60_000
      ).toFixed(0),
      paceGapMs: gap,
      loadavg: await loadavg(),
    }
  } finally {
    await worker.stop(2_000)
    await database.close()
    await fake.close()
  }
}

export async function run(args: string[]) {
  const flags = readFlags(args)
  const results = []
  if (flags.embedded) results.push(await runOne('embedded', flags))
  if (flags.server) results.push(await runOne('server', flags))
  for (const r of results) {
    console.log(
      `\n${r.backend}: ${r.followers.toLocaleString('en-US')} followers, ${r.follows.toLocaleString('en-US')} follows (load ${r.loadavgAfterFirst})`,
    )
    console.log(
      `  first sync      ${r.firstSyncS} s, ${r.firstSyncRequests} requests ${JSON.stringify(r.firstSyncByMethod)}, peak RSS ${r.peakRssMb} MB`,
    )
    console.log(
      `  paced (${r.paceGapMs} ms/request, half of Bluesky's 3,000 per 5 min): ${r.firstSyncPacedMin} min`,
    )
    console.log(
      `  baseline        the adapter's full listing: ${r.baselineFullListingRequests} requests, ${r.baselineFullListingPacedMin} min paced`,
    )
    console.log(
      `  +${r.newFollowers} followers, incremental pass: ${r.incrementalS} s, ${r.incrementalRequests} requests ${JSON.stringify(r.incrementalByMethod)}`,
    )
    console.log(
      `  review page     first ${r.pageMs.reviewFirst} ms (${r.reviewItems} cards), warm p50 ${r.reviewWarmP50Ms} ms; budget 300 ms`,
    )
    console.log(`  other pages     ${JSON.stringify(r.pageMs)} (load ${r.loadavg})`)
  }
  console.log(JSON.stringify({ bench: 'followers', results }))
}
