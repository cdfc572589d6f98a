// `npm run bench -- jobs`: the jobs queue's lateness and throughput, with a poll-every-second
// queue as the baseline, on embedded PGlite and on PostgreSQL (BENCH_DATABASE_URL, else
// TEST_DATABASE_URL, else postgres://127.0.0.1:5432/test). Prints a table, then one JSON line.
import { fork } from 'node:child_process'
import os from 'node:os'
import { fileURLToPath } from 'node:url'
import { enqueueMany } from '../src/queue/enqueue.ts'
import { startWorker } from '../src/queue/worker.ts'
import type { Database } from '../src/store/connect.ts'
import { type BenchDatabase, freshDatabase } from './fresh-database.ts'
import type { WorkerSettings } from './jobs-worker.ts'
import { countMisses, type Lateness, latenessOf } from './lateness-stats.ts'
import { type Run, recordingJob } from './recording-job.ts'

const SCHEDULED_JOBS = 2_000
const SPREAD_MS = 20_000
const LEAD_MS = 1_000 // the first job is due this long after enqueueing
const THROUGHPUT_JOBS = 20_000
const GOALS = { p99Ms: 50, jobsPerSecond: 10_000 }

type WorkerGroup = { label: string; stop: () => Promise<Run[]> }
type LatenessResult = Lateness & {
  scenario: string
  jobs: number
  duplicates: number
  lost: number
}
type ThroughputResult = {
  scenario: string
  jobs: number
  jobsPerSecond: number
  enqueuePerSecond: number
  duplicates: number
  lost: number
}

/** `args`: `lateness` or `throughput` runs only that half; nothing runs both. */
export async function run(args: string[]): Promise<void> {
  const only = args[0]
  const wantLateness = only !== 'throughput'
  const wantThroughput = only !== 'lateness'
  const lateness: LatenessResult[] = []
  const throughput: ThroughputResult[] = []

  const embedded = await freshDatabase('embedded')
  try {
    const loops = (concurrency: number) => inProcess(embedded, concurrency)
    const scenario = 'queue, embedded (2 loops)'
    if (wantLateness) lateness.push(await scheduled(embedded, scenario, loops(20)))
    await embedded.pool.query('truncate jobs')
    if (wantThroughput) throughput.push(await batched(embedded, scenario, loops(100)))
  } finally {
    await embedded.close()
  }

  const server = await freshDatabase('server')
  try {
    const procs = (mode: WorkerSettings['mode'], concurrency: number) =>
      childProcesses(server.url as string, mode, concurrency)
    const scenario = 'queue, PostgreSQL (2 procs)'
    if (wantLateness) {
      lateness.push(await scheduled(server, scenario, procs('queue', 20)))
      await server.pool.query('truncate jobs')
      const baseline = 'baseline: poll every 1 s (2 procs)'
      lateness.push(await scheduled(server, baseline, procs('poll', 20)))
      await server.pool.query('truncate jobs')
    }
    if (wantThroughput) throughput.push(await batched(server, scenario, procs('queue', 100)))
  } finally {
    await server.close()
  }

  printReport(lateness, throughput)
}

/** SCHEDULED_JOBS jobs due at random times over SPREAD_MS; lateness = start − run_at. */
async function scheduled(
  database: Database,
  scenario: string,
  starting: Promise<WorkerGroup>,
): Promise<LatenessResult> {
  const group = await starting
  const firstDue = Date.now() + LEAD_MS
  const items = Array.from({ length: SCHEDULED_JOBS }, () => ({
    payload: {},
    runAt: new Date(firstDue + Math.random() * SPREAD_MS),
  }))
  const ids = await enqueueMany(database, recordingJob(), items)
  await waitForDone(database, ids.length, LEAD_MS + SPREAD_MS + 30_000, 250)
  const runs = await group.stop()
  return {
    scenario,
    jobs: ids.length,
    ...latenessOf(firstRuns(runs)),
    ...countMisses(
      ids,
      runs.map(([id]) => id),
    ),
  }
}

/** THROUGHPUT_JOBS no-op jobs due at once, from the enqueue's commit to the last finished_at. */
async function batched(
  database: Database,
  scenario: string,
  starting: Promise<WorkerGroup>,
): Promise<ThroughputResult> {
  const group = await starting
  const items = Array.from({ length: THROUGHPUT_JOBS }, () => ({ payload: {} }))
  const enqueueStart = performance.now()
  const ids = await enqueueMany(database, recordingJob(), items)
  const committedAt = Date.now()
  const enqueueMs = performance.now() - enqueueStart
  await waitForDone(database, ids.length, 120_000, 50)
  const { rows } = await database.pool.query<{ last: number }>(
    'select (extract(epoch from max(finished_at)) * 1000)::float8 as last from jobs',
  )
  const seconds = ((rows[0]?.last ?? Number.NaN) - committedAt) / 1000
  const runs = await group.stop()
  return {
    scenario,
    jobs: ids.length,
    jobsPerSecond: Math.round(ids.length / seconds),
    enqueuePerSecond: Math.round(ids.length / (enqueueMs / 1000)),
    ...countMisses(
      ids,
      runs.map(([id]) => id),
    ),
  }
}

async function waitForDone(database: Database, count: number, timeoutMs: number, everyMs: number) {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    const { rows } = await database.pool.query<{ n: number }>(
      `select count(*)::int as n from jobs where state = 'done'`,
    )
    if ((rows[0]?.n ?? 0) >= count) return
    await new Promise((resolve) => setTimeout(resolve, everyMs))
  }
  console.error(`timed out after ${timeoutMs} ms waiting for ${count} jobs`)
}

/** Embedded mode is one process: two worker loops in it share the database. */
async function inProcess(database: BenchDatabase, concurrency: number): Promise<WorkerGroup> {
  const runs: Run[] = []
  const workers = await Promise.all(
    ['a', 'b'].map((name) =>
      startWorker({ database, definitions: [recordingJob(runs)], concurrency, workerId: name }),
    ),
  )
  return {
    label: 'in-process',
    stop: async () => {
      await Promise.all(workers.map((worker) => worker.stop(5_000)))
      return runs
    },
  }
}

async function childProcesses(
  url: string,
  mode: WorkerSettings['mode'],
  concurrency: number,
): Promise<WorkerGroup> {
  const script = fileURLToPath(new URL('./jobs-worker.ts', import.meta.url))
  const children = ['a', 'b'].map((name) => {
    const child = fork(script, [], { execArgv: ['--import', 'tsx'] })
    const settings: WorkerSettings = { url, mode, concurrency, workerId: `${mode}-${name}` }
    child.send(settings)
    return child
  })
  const next = (child: (typeof children)[number]) =>
    new Promise<{ type: string; runs?: Run[] }>((resolve, reject) => {
      child.once('message', resolve)
      child.once('exit', (code) => reject(new Error(`bench worker exited with ${code}`)))
    })
  await Promise.all(children.map(next))
  return {
    label: mode,
    stop: async () => {
      const replies = await Promise.all(
        children.map((child) => {
          const reply = next(child)
          child.send('stop')
          return reply
        }),
      )
      return replies.flatMap((reply) => reply.runs ?? [])
    },
  }
}

function firstRuns(runs: Run[]): number[] {
  const seen = new Map<number, number>()
  for (const [id, lateness] of runs) if (!seen.has(id)) seen.set(id, lateness)
  return [...seen.values()]
}

function printReport(lateness: LatenessResult[], throughput: ThroughputResult[]) {
  const pad = (value: unknown, width: number) => String(value).padStart(width)
  console.log(
    `\nLateness: ${SCHEDULED_JOBS} jobs due at random over ${SPREAD_MS / 1000} s (ms after run_at)`,
  )
  console.log(
    `${'scenario'.padEnd(38)}${pad('p50', 8)}${pad('p99', 8)}${pad('max', 8)}  dups  lost`,
  )
  for (const r of lateness) {
    console.log(
      `${r.scenario.padEnd(38)}${pad(r.p50, 8)}${pad(r.p99, 8)}${pad(r.max, 8)}${pad(r.duplicates, 6)}${pad(r.lost, 6)}`,
    )
  }
  console.log(`\nThroughput: ${THROUGHPUT_JOBS} no-op jobs due at once (batch claims of 100)`)
  console.log(`${'scenario'.padEnd(38)}${pad('jobs/s', 8)}${pad('enqueue/s', 11)}  dups  lost`)
  for (const r of throughput) {
    console.log(
      `${r.scenario.padEnd(38)}${pad(r.jobsPerSecond, 8)}${pad(r.enqueuePerSecond, 11)}${pad(r.duplicates, 6)}${pad(r.lost, 6)}`,
    )
  }
  const queue = lateness.filter((r) => r.scenario.startsWith('queue'))
  const server = throughput.find((r) => r.scenario.includes('PostgreSQL'))
  const goals = {
    p99: queue.every((r) => r.p99 <= GOALS.p99Ms),
    throughput: (server?.jobsPerSecond ?? 0) >= GOALS.jobsPerSecond,
    exactlyOnce: [...lateness, ...throughput].every((r) => r.duplicates === 0 && r.lost === 0),
  }
  console.log(
    `\nGoals: p99 ≤ ${GOALS.p99Ms} ms ${goals.p99 ? 'met' : 'MISSED'}; ≥ ${GOALS.jobsPerSecond} jobs/s on PostgreSQL ${goals.throughput ? 'met' : 'MISSED'}; 0 duplicates and 0 lost ${goals.exactlyOnce ? 'met' : 'MISSED'}. Load average at the end: ${os.loadavg()[0]?.toFixed(1)} on ${os.cpus().length} cores.`,
  )
  console.log(JSON.stringify({ bench: 'jobs', lateness, throughput, goals, loadavg: os.loadavg() }))
}
