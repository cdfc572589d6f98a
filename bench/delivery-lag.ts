// `npm run bench -- delivery-lag [--posts 10000 --accounts 500 --concurrency 200 --processes 2
// --publish-ms 50 --window-s 60 --embedded 1 --server 1 --cron 1 --saturate]`: how late the delivery engine
// publishes. Posts (one variant each, written by schedulePost) are due at random within one
// window; an in-process network takes `publish-ms` per publish and records each with its
// idempotency key. Lag = publish START − due time. Runs the queue on embedded PGlite (one
// worker in-process) and on PostgreSQL (worker processes), and as the baseline a cron that
// wakes at each whole minute and publishes what is due through the same commands (PostgreSQL,
// in-process, as many at once as the queue's workers together). Each run has a fresh database;
// the queue runs first deliver warm-up posts, so a cold start is not what is measured. With
// `--saturate` every post is due at the same instant and no cron runs: the figure is the
// engine's capacity, deliveries/s sustained over the middle 80% of the publishes, which does
// not swing with a little load the way lag at the edge does. Each queue run also counts the
// workers' SQL statements per delivery. Prints a table, then one JSON line.
import os from 'node:os'
import { setTimeout as sleep } from 'node:timers/promises'
import { claimDelivery } from '../src/commands/claim-delivery.ts'
import { publishDelivery } from '../src/commands/publish-delivery.ts'
import { recordDeliveryOutcome } from '../src/commands/record-delivery-outcome.ts'
import { type BenchNetwork, countPublishMisses, createBenchNetwork } from './bench-network.ts'
import { perUnit, type StatementCounts, total } from './count-statements.ts'
import {
  countStates,
  type DueWindow,
  openRun,
  readFlags,
  scheduleWindow,
  waitForSettled,
  warmUp,
} from './delivery-fixture.ts'
import { type Lateness, latenessOf } from './lateness-stats.ts'
import { printCapacity, sustainedPerSecond } from './print-capacity.ts'
import { startDeliveryWorkers } from './start-delivery-workers.ts'

const DEFAULTS = {
  posts: 10_000,
  accounts: 500,
  /** Per worker. */
  concurrency: 200,
  /** Worker processes on PostgreSQL; 0 runs one worker in this process. */
  processes: 2,
  publishMs: 50,
  windowS: 60,
  embedded: 1,
  server: 1,
  cron: 1,
  saturate: 0,
}
export type Flags = typeof DEFAULTS
const GOALS = { p99Ms: 100 }

export type Result = {
  scenario: string
  workers: string
  posts: number
  /** Lag at publish start, and at publish end (p99 only). */
  lag: Lateness
  endP99: number
  /** From the last due time to the last publish's end. */
  drainMs: number
  scheduledPerSecond: number
  duplicates: number
  lost: number
  /** Deliveries not `published` in the database at the end. */
  unpublished: number
  /** Publishes per second over the middle 80% of the publish starts. */
  sustainedPerSecond: number
  /** The workers' SQL statements from the due window's start to the end, by kind. */
  statements: StatementCounts
  statementsPerDelivery: number
}

export async function run(args: string[]): Promise<void> {
  const given = readFlags(args, DEFAULTS)
  const flags = given.saturate ? { ...given, windowS: 0, cron: 0 } : given
  const results: Result[] = []
  if (flags.embedded) results.push(await queueRun('embedded', flags))
  if (flags.server) results.push(await queueRun('server', flags))
  if (flags.cron) results.push(await cronRun(flags))
  if (flags.saturate) printCapacity(flags, results)
  else printReport(flags, results)
}

async function queueRun(kind: 'embedded' | 'server', flags: Flags): Promise<Result> {
  const network = createBenchNetwork(flags.publishMs)
  const run = await openRun(kind, flags.accounts)
  try {
    const workers = await startDeliveryWorkers(run.database, {
      secret: run.workspace.secret,
      concurrency: flags.concurrency,
      publishMs: flags.publishMs,
      processes: kind === 'embedded' ? 0 : flags.processes,
    })
    const perPostMs = await warmUp(run, network.registry, {
      posts: warmUpPosts(flags),
      deliver: true,
    })
    const dueWindow = await scheduleWindow(run, network.registry, { ...flags, perPostMs })
    workers.mark()
    const settled = await waitForSettled(run.database, settleTimeoutMs(dueWindow, flags))
    if (!settled) console.error(`${kind}: timed out waiting for the deliveries`)
    const publishes = await workers.stop()
    const name = kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL'
    const states = await countStates(run.database)
    const result = resultOf(`queue, ${name}`, workers.label, dueWindow, publishes, states)
    const statements = workers.statements
    return {
      ...result,
      statements,
      statementsPerDelivery: Math.round((total(statements) / result.posts) * 100) / 100,
    }
  } finally {
    await run.database.close()
  }
}

/** The classic scheduler: wake at each whole minute, publish whatever is due, sleep again. */
async function cronRun(flags: Flags): Promise<Result> {
  const network = createBenchNetwork(flags.publishMs)
  const run = await openRun('server', flags.accounts)
  const { database, workspace } = run
  const atOnce = flags.concurrency * Math.max(1, flags.processes)
  try {
    const perPostMs = await warmUp(run, network.registry, {
      posts: warmUpPosts(flags),
      deliver: false,
    })
    const dueWindow = await scheduleWindow(run, network.registry, { ...flags, perPostMs })
    const deadline = Date.now() + settleTimeoutMs(dueWindow, flags) + 60_000
    while (Date.now() < deadline) {
      await sleep(60_000 - (Date.now() % 60_000))
      const { rows } = await database.pool.query<{ id: string }>(
        `select id from deliveries where state in ('scheduled', 'retry_wait') and run_at <= now()
         order by run_at`,
      )
      await inParallel(
        rows.map((row) => row.id),
        atOnce,
        async (id) => {
          const claimed = await claimDelivery(database.db, id)
          if (!claimed) return
          const outcome = await publishDelivery(
            database.db,
            workspace.secret,
            network.registry,
            claimed,
          )
          await recordDeliveryOutcome(database, claimed, outcome)
        },
      )
      const states = await countStates(database)
      if (!states.scheduled && !states.retry_wait && !states.claimed) break
    }
    return resultOf(
      'baseline: cron each whole minute, PostgreSQL',
      `in-process, ${atOnce} at once`,
      dueWindow,
      network.publishes,
      await countStates(database),
    )
  } finally {
    await database.close()
  }
}

const warmUpPosts = (flags: Flags) => Math.min(200, Math.ceil(flags.posts / 5))

async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>) {
  let next = 0
  const lane = async () => {
    while (next < items.length) await task(items[next++] as T)
  }
  await Promise.all(Array.from({ length: limit }, lane))
}

/** Until the last due time, then 30 s and a tenth of publishing everything one at a time. */
function settleTimeoutMs(dueWindow: DueWindow, flags: Flags) {
  return dueWindow.lastDue - Date.now() + 30_000 + flags.posts * flags.publishMs * 0.1
}

function resultOf(
  scenario: string,
  workers: string,
  dueWindow: DueWindow,
  publishes: BenchNetwork['publishes'],
  states: Record<string, number>,
): Result {
  // The warm-up's publishes are not measured.
  const measured = publishes.filter((p) => dueWindow.due.has(p.key))
  const first = new Map<string, (typeof publishes)[number]>()
  for (const p of measured) if (!first.has(p.key)) first.set(p.key, p)
  const lagOf = (at: (p: (typeof publishes)[number]) => number) =>
    [...first.values()].flatMap((p) => {
      const due = dueWindow.due.get(p.key)
      return due === undefined ? [] : [at(p) - due]
    })
  const lastEnd = Math.max(...measured.map((p) => p.endedAt))
  const posts = dueWindow.due.size
  return {
    scenario,
    workers,
    posts,
    lag: latenessOf(lagOf((p) => p.startedAt)),
    endP99: latenessOf(lagOf((p) => p.endedAt)).p99,
    drainMs: Math.round(lastEnd - dueWindow.lastDue),
    scheduledPerSecond: dueWindow.scheduledPerSecond,
    ...countPublishMisses(dueWindow.due.keys(), measured),
    unpublished: posts - (states.published ?? 0),
    sustainedPerSecond: sustainedPerSecond([...first.values()].map((p) => p.startedAt)),
    statements: {},
    statementsPerDelivery: 0,
  }
}

function printReport(flags: Flags, results: Result[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nDelivery lag: ${flags.posts} posts (one variant each) over ${flags.accounts} accounts, due at random within ${flags.windowS} s; ${flags.publishMs} ms per publish`,
  )
  console.log('lag = publish start − due time, ms (end p99 = publish end − due time)')
  console.log(
    `${'scenario'.padEnd(46)}${pad('p50', 9)}${pad('p99', 9)}${pad('max', 9)}${pad('end p99', 9)}${pad('drain', 8)}  dups  lost  unpub`,
  )
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(46)}${pad(r.lag.p50, 9)}${pad(r.lag.p99, 9)}${pad(r.lag.max, 9)}${pad(r.endP99, 9)}${pad(r.drainMs, 8)}${pad(r.duplicates, 6)}${pad(r.lost, 6)}${pad(r.unpublished, 7)}`,
    )
  }
  console.log('\nworkers, and schedulePost pace while writing the posts')
  for (const r of results) {
    console.log(`${r.scenario.padEnd(46)}${r.workers}; ${r.scheduledPerSecond} posts/s scheduled`)
  }
  console.log("\nworkers' SQL statements per delivery")
  for (const r of results.filter((r) => r.statementsPerDelivery > 0)) {
    console.log(`${r.scenario.padEnd(46)}${perUnit(r.statements, r.posts)}`)
  }
  const queue = results.filter((r) => r.scenario.startsWith('queue'))
  const cron = results.find((r) => r.scenario.startsWith('baseline'))
  const goals = {
    p99: queue.length > 0 && queue.every((r) => r.lag.p99 <= GOALS.p99Ms),
    exactlyOnce: results.every((r) => r.duplicates === 0 && r.lost === 0 && r.unpublished === 0),
  }
  const word = (met: boolean) => (met ? 'met' : 'MISSED')
  const p99Goal = queue.length ? `p99 ≤ ${GOALS.p99Ms} ms ${word(goals.p99)}; ` : ''
  const versus =
    cron && queue.length
      ? ` Cron baseline p99 ${Math.round(cron.lag.p99)} ms, ${queue.map((r) => `${Math.round(cron.lag.p99 / Math.max(r.lag.p99, 0.1))}×`).join(' / ')} the queue's.`
      : ''
  console.log(
    `\nGoals (queue): ${p99Goal}0 duplicates and 0 lost ${word(goals.exactlyOnce)}.${versus} Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(
    JSON.stringify({ bench: 'delivery-lag', flags, results, goals, loadavg: os.loadavg() }),
  )
}
