// `npm run bench -- measure [--posts 100000 --snapshots 10 --days 180 --requests 100
// --connections 50 --duration-s 10 --warm-up-s 2 --explain 1 --profile 1]`:
// Measure on PostgreSQL with a workspace of `posts` published posts over `days` and `snapshots`
// snapshots each (1,000,000 by default; bench/measure-seed.ts). One Sous process (web and
// worker, as `sous start` runs) answers:
// 1. the Measure page's requests for the last 90 days, one after another as a person's browser
//    sends them — the report by account, network, topic, approach and campaign, the campaign
//    list, a campaign's page and the CSV — `requests` times each; baseline in the same run: the
//    report's rows read by ranking the snapshots (what delivery_engagement saves).
// 2. the short-link redirect `/l/{code}` under `connections` keep-alive connections (autocannon
//    in another process, cycling over 1,000 codes): as fast as it answers (its capacity), and
//    at the goal's 5,000 requests/s sent evenly (its latency at that rate); baseline: a bare Hono route in
//    the server process (the ceiling of HTTP on this machine). Every second's clicks are
//    written meanwhile, as in service.
// `--explain 1` prints the plans of the report's statements (by topic); `--profile 1` writes
// the server's CPU profile to .tmp/measure-profile/. Prints a table, then one JSON line.
import { type ChildProcess, fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { sql } from 'drizzle-orm'
import { createApiToken } from '../src/commands/create-api-token.ts'
import { setupInstance } from '../src/commands/setup-instance.ts'
import { measureStatements } from '../src/store/queries/measure-report.ts'
import type { ApiServerMessage, ApiServerSettings } from './api-server.ts'
import { readFlags } from './delivery-fixture.ts'
import { freshDatabase } from './fresh-database.ts'
import type { RedirectLoadResult, RedirectLoadSettings } from './measure-load.ts'
import { seedMeasure } from './measure-seed.ts'

const DEFAULTS = {
  posts: 100_000,
  snapshots: 10,
  days: 180,
  requests: 100,
  connections: 50,
  durationS: 10,
  warmUpS: 2,
  explain: 0,
  profile: 0,
}
type Flags = typeof DEFAULTS
const GOALS = { pageP99Ms: 200, redirectPerSecond: 5_000, redirectP99Ms: 10 }
const DAY = 86_400_000

type Timing = { name: string; p50Ms: number; p99Ms: number; maxMs: number; load: number }
type Redirect = RedirectLoadResult & { name: string; load: number }

export async function run(args: string[]): Promise<void> {
  const flags = readFlags(args, DEFAULTS)
  const load = () => os.loadavg()[0] ?? 0
  const database = await freshDatabase('server')
  let server: Server | undefined
  try {
    const { user, workspace } = await setupInstance(database.db, {
      email: 'owner@bench.invalid',
      password: 'bench-password-long-enough',
      workspaceName: 'Bench',
    })
    const { token } = await createApiToken(database.db, {
      userId: user.id,
      workspaceId: workspace.id,
      name: 'bench',
    })
    const seedStarted = performance.now()
    const seeded = await seedMeasure(database.db, {
      workspaceId: workspace.id,
      posts: flags.posts,
      snapshots: flags.snapshots,
      accounts: 10,
      campaigns: 12,
      days: flags.days,
    })
    const seedS = (performance.now() - seedStarted) / 1_000
    console.log(
      `seeded ${flags.posts.toLocaleString('en')} posts, ${(flags.posts * flags.snapshots).toLocaleString('en')} snapshots in ${seedS.toFixed(1)} s (load ${load().toFixed(1)})`,
    )

    const to = new Date()
    const from = new Date(to.getTime() - 90 * DAY)
    const period = `from=${from.toISOString()}&to=${to.toISOString()}`
    if (flags.explain) {
      const query = { from, to, by: 'topic' as const, metric: 'conversations' as const, top: 10 }
      for (const statement of measureStatements(workspace.id, query)) {
        const plan = await database.db.execute<{ 'QUERY PLAN': string }>(
          sql`explain (analyze, buffers) ${statement}`,
        )
        console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'))
      }
    }

    server = await startServer({ databaseUrl: database.url }, flags.profile === 1)
    const ws = `/api/v1/workspaces/${workspace.id}`
    const pages: Array<[string, string]> = [
      ...['network', 'account', 'topic', 'approach', 'campaign'].map((by): [string, string] => [
        `report by ${by}`,
        `${ws}/measure?${period}&by=${by}`,
      ]),
      ['campaign list', `${ws}/campaigns?limit=100`],
      ['a campaign', `${ws}/campaigns/${seeded.campaignId}`],
      ['CSV by topic', `${ws}/measure.csv?${period}&by=topic`],
    ]
    const timings: Timing[] = []
    for (const [name, path] of pages) {
      timings.push(
        await timeRepeated(name, flags.requests, async () => {
          const response = await fetch(`${server?.sous}${path}`, {
            headers: { authorization: `Bearer ${token}` },
          })
          if (response.status !== 200)
            throw new Error(`${name}: ${response.status} ${await response.text()}`)
          await response.arrayBuffer()
        }),
      )
    }
    const baseline = await timeRepeated(
      'baseline: rows by ranking snapshots (SQL only)',
      Math.max(5, Math.round(flags.requests / 4)),
      () => database.db.execute(rankedSnapshots(workspace.id, from, to)),
    )

    const redirects: Redirect[] = []
    const codes = seeded.codes.map((code) => `/l/${code}`)
    for (const [name, url, paths, perSecond] of [
      ['baseline: bare Hono GET /hello', server.bare, ['/hello']],
      [
        `baseline: bare Hono at ${GOALS.redirectPerSecond} req/s`,
        server.bare,
        ['/hello'],
        GOALS.redirectPerSecond,
      ],
      ['GET /l/{code} (302)', server.sous, codes],
      [
        `GET /l/{code} at ${GOALS.redirectPerSecond} req/s`,
        server.sous,
        codes,
        GOALS.redirectPerSecond,
      ],
    ] as Array<[string, string, string[], number?]>) {
      const result = await generateLoad({
        url,
        paths,
        connections: flags.connections,
        warmUpS: flags.warmUpS,
        durationS: flags.durationS,
        ...(perSecond ? { perSecond } : {}),
      })
      redirects.push({ name, ...result, load: load() })
    }
    printReport(flags, timings, baseline, redirects)
  } finally {
    await server?.stop()
    await database.close()
  }
}

/** The report's rows as they would be read without delivery_engagement: each delivery's newest snapshot. */
function rankedSnapshots(workspaceId: string, from: Date, to: Date) {
  return sql`
    select d.post_id, d.account_id, a.network, s.replies, s.reposts, s.quotes, s.likes, s.people,
      s.conversations, pl.topics, pl.approach, pl.campaign_id
    from deliveries d
    join accounts a on a.id = d.account_id and a.workspace_id = ${workspaceId}
    join lateral (select * from engagement_snapshots s where s.delivery_id = d.id
      order by s.taken_at desc, s.id desc limit 1) s on true
    left join post_labels pl on pl.post_id = d.post_id
    where d.state = 'published' and d.published_at >= ${from.toISOString()}
      and d.published_at < ${to.toISOString()}`
}

async function timeRepeated(name: string, times: number, once: () => Promise<unknown>) {
  await once()
  const latencies: number[] = []
  for (let i = 0; i < times; i++) {
    const started = performance.now()
    await once()
    latencies.push(performance.now() - started)
  }
  latencies.sort((a, b) => a - b)
  const at = (q: number) => latencies[Math.max(0, Math.ceil(q * latencies.length) - 1)] ?? 0
  const round = (ms: number) => Math.round(ms * 10) / 10
  return {
    name,
    p50Ms: round(at(0.5)),
    p99Ms: round(at(0.99)),
    maxMs: round(at(1)),
    load: os.loadavg()[0] ?? 0,
  }
}

type Server = { sous: string; bare: string; stop: () => Promise<void> }

async function startServer(settings: ApiServerSettings, profile: boolean): Promise<Server> {
  const child = fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), [], {
    execArgv: [
      '--import',
      'tsx',
      ...(profile ? ['--cpu-prof', '--cpu-prof-dir=.tmp/measure-profile'] : []),
    ],
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  })
  child.send(settings)
  const ready = await message(child, 'ready')
  return {
    sous: ready.sous,
    bare: ready.bare,
    stop: async () => {
      const stopped = message(child, 'stopped')
      child.send('stop')
      await stopped
    },
  }
}

function message<T extends ApiServerMessage['type']>(child: ChildProcess, type: T) {
  return new Promise<Extract<ApiServerMessage, { type: T }>>((resolve, reject) => {
    const onMessage = (received: ApiServerMessage) => {
      if (received.type !== type) return
      child.off('message', onMessage)
      child.off('exit', reject)
      resolve(received as Extract<ApiServerMessage, { type: T }>)
    }
    child.on('message', onMessage)
    child.once('exit', (code) => reject(new Error(`bench server exited with ${code}`)))
  })
}

async function generateLoad(settings: RedirectLoadSettings): Promise<RedirectLoadResult> {
  const child = fork(fileURLToPath(new URL('./measure-load.ts', import.meta.url)), [], {
    execArgv: ['--import', 'tsx'],
  })
  const result = new Promise<RedirectLoadResult>((resolve, reject) => {
    child.once('message', (received: RedirectLoadResult) => resolve(received))
    child.once('exit', (code) => reject(new Error(`load generator exited with ${code}`)))
  })
  child.send(settings)
  return result
}

function printReport(flags: Flags, timings: Timing[], baseline: Timing, redirects: Redirect[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nMeasure page, last 90 days of ${flags.posts.toLocaleString('en')} posts over ${flags.days} days (PostgreSQL), ${flags.requests} requests each, one after another`,
  )
  console.log(
    `${'request'.padEnd(48)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}  load`,
  )
  for (const t of [...timings, baseline])
    console.log(
      `${t.name.padEnd(48)}${pad(t.p50Ms, 8)}${pad(t.p99Ms, 8)}${pad(t.maxMs, 8)}  ${t.load.toFixed(1)}`,
    )
  console.log(
    `\nShort links: ${flags.connections} keep-alive connections, ${flags.durationS} s after ${flags.warmUpS} s of warm-up; load generator in another process`,
  )
  console.log(
    `${'route'.padEnd(34)}${pad('req/s', 8)}${pad('p50 ms', 8)}${pad('p99 ms', 8)}${pad('max ms', 8)}${pad('3xx', 9)}${pad('other', 7)}${pad('errors', 7)}  load`,
  )
  for (const r of redirects)
    console.log(
      `${r.name.padEnd(34)}${pad(r.perSecond, 8)}${pad(r.p50Ms, 8)}${pad(r.p99Ms, 8)}${pad(r.maxMs, 8)}${pad(r.redirects, 9)}${pad(r.other, 7)}${pad(r.errors, 7)}  ${r.load.toFixed(1)}`,
    )
  const [flatOut, atRate] = redirects.filter((r) => r.name.startsWith('GET /l/'))
  const goals = {
    pageP99: timings.every((t) => t.p99Ms <= GOALS.pageP99Ms),
    // Kept up with the goal's rate (1% for the rate limiter's own rounding) and could do more.
    redirectThroughput:
      (flatOut?.perSecond ?? 0) >= GOALS.redirectPerSecond &&
      (atRate?.perSecond ?? 0) >= GOALS.redirectPerSecond * 0.99,
    redirectP99: (atRate?.p99Ms ?? Infinity) <= GOALS.redirectP99Ms,
    redirectsOnly: [flatOut, atRate].every((r) => r && r.other === 0 && r.errors === 0),
  }
  const word = (met: boolean) => (met ? 'met' : 'MISSED')
  console.log(
    `\nGoals: page requests p99 ≤ ${GOALS.pageP99Ms} ms ${word(goals.pageP99)}; redirect ≥ ${GOALS.redirectPerSecond} req/s ${word(goals.redirectThroughput)}, p99 ≤ ${GOALS.redirectP99Ms} ms at that rate ${word(goals.redirectP99)}; every answer a 302 ${word(goals.redirectsOnly)}. Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(
    JSON.stringify({
      bench: 'measure',
      flags,
      pages: timings,
      baseline,
      redirects,
      goals,
      loadavg: os.loadavg(),
    }),
  )
}
