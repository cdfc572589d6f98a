// `npm run bench -- brake [--posts 500 --accounts 50 --concurrency 100 --processes 2
// --publish-ms 50 --window-s 3 --brake-after 100 --embedded 1 --server 1]`: does the brake stop
// publishing the moment it commits? Posts (written by schedulePost) come due within a few
// seconds; the delivery worker dispatches them to an in-process network taking `publish-ms`
// each; after `brake-after` publishes have started, the instance brake is engaged through the
// engage-brake command. Its commit time is when engageBrake returned (the latest it can have
// committed). Counts the publishes that started after it (goal 0) and, of those, the ones whose
// claim transaction began after it too (a claim that missed the brake: must be 0); the
// publishes before; the deliveries sent to needs_review; the lost (neither). Embedded PGlite
// runs one worker in-process, PostgreSQL worker processes; times are read on CLOCK_MONOTONIC,
// which all processes share. Prints a table, then one JSON line.
import os from 'node:os'
import { engageBrake } from '../src/commands/engage-brake.ts'
import { countPublishMisses, createBenchNetwork, monotonicMs } from './bench-network.ts'
import {
  countStates,
  openRun,
  readFlags,
  scheduleWindow,
  waitForSettled,
  warmUp,
} from './delivery-fixture.ts'
import { startDeliveryWorkers } from './start-delivery-workers.ts'

const DEFAULTS = {
  posts: 500,
  accounts: 50,
  /** Per worker. */
  concurrency: 100,
  /** Worker processes on PostgreSQL; 0 runs one worker in this process. */
  processes: 2,
  publishMs: 50,
  windowS: 3,
  brakeAfter: 100,
  embedded: 1,
  server: 1,
}
type Flags = typeof DEFAULTS

type Result = {
  scenario: string
  workers: string
  posts: number
  /** Publishes started when engageBrake was called, and how long its transaction took. */
  startedAtCall: number
  brakeMs: number
  /** Publish starts before the call, during the brake transaction, after its commit. */
  before: number
  during: number
  after: number
  published: number
  needsReview: number
  /** Deliveries neither published nor in needs_review. */
  lost: number
  duplicates: number
  /** Publishes of deliveries not `published` in the database, and the other way round. */
  mismatched: number
  /** After the commit: ms from the commit to the latest publish start (0 when none). */
  latestAfterMs: number
  /**
   * The `after` publishes whose claim transaction was begun before the brake committed (in
   * flight: its brake check may have run before the commit), and those begun after it: a claim
   * that missed a committed brake, which the claim's design rules out (must be 0).
   */
  afterInFlight: number
  missedBrake: number
}

export async function run(args: string[]): Promise<void> {
  const flags = readFlags(args, DEFAULTS)
  const results: Result[] = []
  if (flags.embedded) results.push(await brakeRun('embedded', flags))
  if (flags.server) results.push(await brakeRun('server', flags))
  printReport(flags, results)
}

async function brakeRun(kind: 'embedded' | 'server', flags: Flags): Promise<Result> {
  const scheduling = createBenchNetwork(flags.publishMs)
  const run = await openRun(kind, flags.accounts)
  const { database, workspace } = run
  try {
    let armed = false
    let started = 0
    let brake: Promise<{ calledAt: number; committedAt: number; startedAtCall: number }> | undefined
    const engage = async () => {
      const startedAtCall = started
      const calledAt = monotonicMs()
      await engageBrake(database.db, {
        scope: 'instance',
        workspaceId: null,
        accountId: null,
        reason: 'bench: stop everything',
        userId: workspace.userId,
      })
      return { calledAt, committedAt: monotonicMs(), startedAtCall }
    }
    const workers = await startDeliveryWorkers(database, {
      secret: workspace.secret,
      concurrency: flags.concurrency,
      publishMs: flags.publishMs,
      processes: kind === 'embedded' ? 0 : flags.processes,
      onPublish: () => {
        if (!armed) return
        started++
        if (started === flags.brakeAfter) brake = engage()
      },
    })
    const perPostMs = await warmUp(run, scheduling.registry, {
      posts: Math.min(200, flags.posts),
      deliver: true,
    })
    armed = true
    const { due, lastDue } = await scheduleWindow(run, scheduling.registry, { ...flags, perPostMs })
    if (!(await waitForSettled(database, lastDue - Date.now() + 60_000)))
      console.error(`${kind}: timed out waiting for the deliveries`)
    // The warm-up's publishes are not measured.
    const publishes = (await workers.stop()).filter((p) => due.has(p.key))
    if (!brake) throw new Error(`only ${started} publishes started: the brake was never engaged`)
    const { calledAt, committedAt, startedAtCall } = await brake
    const states = await countStates(database)
    const { rows } = await database.pool.query<{ key: string; state: string }>(
      'select publish_key as key, state from deliveries',
    )
    const published = new Set(rows.filter((r) => r.state === 'published').map((r) => r.key))
    const recorded = new Set(publishes.map((p) => p.key))
    const mismatched =
      [...recorded].filter((key) => !published.has(key)).length +
      [...published].filter((key) => !recorded.has(key)).length
    const after = publishes.filter((p) => p.startedMono > committedAt)
    return {
      scenario: kind === 'embedded' ? 'embedded PGlite' : 'PostgreSQL',
      workers: workers.label,
      posts: due.size,
      startedAtCall,
      brakeMs: round(committedAt - calledAt),
      before: publishes.filter((p) => p.startedMono < calledAt).length,
      during: publishes.filter((p) => p.startedMono >= calledAt && p.startedMono <= committedAt)
        .length,
      after: after.length,
      published: states.published ?? 0,
      needsReview: states.needs_review ?? 0,
      lost: due.size - (states.published ?? 0) - (states.needs_review ?? 0),
      duplicates: countPublishMisses(due.keys(), publishes).duplicates,
      mismatched,
      latestAfterMs: round(Math.max(0, ...after.map((p) => p.startedMono - committedAt))),
      afterInFlight: after.filter((p) => (p.claimBeganMono ?? Number.NaN) <= committedAt).length,
      missedBrake: after.filter((p) => !((p.claimBeganMono ?? Number.NaN) <= committedAt)).length,
    }
  } finally {
    await database.close()
  }
}

const round = (n: number) => Math.round(n * 10) / 10

function printReport(flags: Flags, results: Result[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nBrake: ${flags.posts} posts due within ${flags.windowS} s, ${flags.publishMs} ms per publish; instance brake engaged after ${flags.brakeAfter} publishes had started`,
  )
  console.log(
    'publish starts: before = before engageBrake was called; during = while it ran; after = after it returned, committed (goal 0)',
  )
  console.log(
    `${'scenario'.padEnd(18)}${pad('brake ms', 9)}${pad('before', 8)}${pad('during', 8)}${pad('after', 7)}${pad('published', 11)}${pad('review', 8)}${pad('lost', 6)}${pad('dups', 6)}${pad('mismatch', 10)}`,
  )
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(18)}${pad(r.brakeMs, 9)}${pad(r.before, 8)}${pad(r.during, 8)}${pad(r.after, 7)}${pad(r.published, 11)}${pad(r.needsReview, 8)}${pad(r.lost, 6)}${pad(r.duplicates, 6)}${pad(r.mismatched, 10)}`,
    )
  }
  console.log('')
  for (const r of results) {
    console.log(
      `${r.scenario.padEnd(18)}${r.workers}; ${r.startedAtCall} publishes had started at the call`,
    )
    if (r.after === 0) continue
    console.log(
      `${''.padEnd(18)}of the ${r.after} after the commit (the last ${r.latestAfterMs} ms after it): claim begun before it ${r.afterInFlight} (in flight), after it ${r.missedBrake} (missed the brake)`,
    )
  }
  const goals = {
    nothingAfterBrake: results.every((r) => r.after === 0),
    noMissedBrake: results.every((r) => r.missedBrake === 0),
    noneLost: results.every((r) => r.lost === 0 && r.mismatched === 0),
    noDuplicates: results.every((r) => r.duplicates === 0),
  }
  const word = (met: boolean) => (met ? 'met' : 'MISSED')
  console.log(
    `\nGoals: 0 publishes started after the brake committed ${word(goals.nothingAfterBrake)} (0 claims begun after it ${word(goals.noMissedBrake)}); 0 lost ${word(goals.noneLost)}; 0 duplicates ${word(goals.noDuplicates)}. Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(JSON.stringify({ bench: 'brake', flags, results, goals, loadavg: os.loadavg() }))
}
