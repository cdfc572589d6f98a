import { randomUUID } from 'node:crypto'
import os from 'node:os'
import { type Logger, pino } from 'pino'
import type { Database } from '../store/connect.ts'
import type { JobDefinition } from './define-job.ts'
import { JOBS_CHANNEL } from './enqueue.ts'
import { beat, removeHeartbeat } from './heartbeat.ts'
import {
  type ClaimedJob,
  claimJobs,
  type LimitedKind,
  markDead,
  markDone,
  markRetry,
  releaseJobs,
  renewLeases,
} from './job-queries.ts'
import { runJob } from './run-job.ts'
import { type RecurringJob, scheduleRecurring } from './schedule-recurring.ts'

export type WorkerOptions = {
  database: Database
  definitions: readonly JobDefinition[]
  /**
   * Jobs run at once, and the most one claim takes. Batches of 100: 19,400 no-op jobs/s with 2
   * processes on PostgreSQL, 11,400 embedded; batches of 10: 8,800 / 3,800 (bench/jobs.ts).
   * Kinds with a `limit` (define-job.ts) stay within it as well.
   */
  concurrency?: number
  workerId?: string
  role?: string
  logger?: Logger
  /** A running job whose lease passes is taken by another worker; renewed every leaseMs / 3. */
  leaseMs?: number
  heartbeatMs?: number
  /** Safety poll when nothing is due and no notification comes (e.g. a dropped LISTEN connection). */
  idlePollMs?: number
  recurring?: readonly RecurringJob[]
}

export type Worker = {
  workerId: string
  /** Stops claiming, waits up to `graceMs` for running jobs, then aborts them and hands them back. */
  stop: (graceMs?: number) => Promise<void>
}

type Running = { controller: AbortController; settled: Promise<void>; abandoned: boolean }

const RECHECK_MS = 5 // a due job another worker is locking right now
const ERROR_RETRY_MS = 1_000
// Finished jobs wait at most this long for a claim to carry their `done` (their leases are
// renewed meanwhile): a claim for each completion made 9,700 claims of 10,000 posts due over a
// minute instead of 6,600 (bench/delivery-lag.ts).
const DONE_DELAY_MS = 100
const RECURRING_CHECK_MS = 60_000

export async function startWorker(options: WorkerOptions): Promise<Worker> {
  const { database } = options
  const pool = database.pool
  const concurrency = options.concurrency ?? 10
  const leaseMs = options.leaseMs ?? 15_000
  const idlePollMs = options.idlePollMs ?? 15_000
  const workerId = options.workerId ?? `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const identity = {
    workerId,
    role: options.role ?? 'worker',
    host: os.hostname(),
    pid: process.pid,
  }
  const logger = (options.logger ?? pino({ level: 'silent' })).child({ workerId })
  const definitions = new Map(options.definitions.map((d) => [d.id, d]))
  /** Jobs running here per shared limit (define-job.ts `limit`). */
  const runningByLimit = new Map<string, number>()
  const limitOf = (name: string) => definitions.get(name)?.limit
  const countRunning = (name: string, by: 1 | -1) => {
    const limit = limitOf(name)
    if (limit) runningByLimit.set(limit.name, (runningByLimit.get(limit.name) ?? 0) + by)
  }
  const limitedKinds = (): LimitedKind[] =>
    options.definitions.flatMap(({ id, limit }) =>
      limit
        ? [{ name: id, limit: limit.name, room: limit.max - (runningByLimit.get(limit.name) ?? 0) }]
        : [],
    )

  const running = new Map<number, Running>()
  const finished: number[] = [] // done, waiting for the batched update
  const writes = new Set<Promise<unknown>>()
  let stopping = false
  let stopped: Promise<void> | undefined
  let timer: NodeJS.Timeout | undefined
  let pumping: Promise<void> | undefined
  let pumpAgain = false
  let tickScheduled = false
  /** The last claim filled every free slot: due jobs may be waiting for one. */
  let full = false
  let doneTimer: NodeJS.Timeout | undefined

  const track = (promise: Promise<unknown>) => {
    writes.add(promise)
    void promise.finally(() => writes.delete(promise))
  }

  const setTimer = (delayMs: number) => {
    clearTimeout(timer)
    if (!stopping) timer = setTimeout(() => void pump(), delayMs)
  }

  // One claim loop at a time; a wake-up during a claim makes it go round once more.
  const pump = (): Promise<void> => {
    if (pumping) {
      pumpAgain = true
      return pumping
    }
    pumping = pumpLoop().finally(() => {
      pumping = undefined
    })
    return pumping
  }

  const pumpLoop = async () => {
    try {
      do {
        pumpAgain = false
        if (stopping) return
        const capacity = concurrency - running.size
        if (capacity <= 0) {
          full = true
          track(flush())
          setTimer(idlePollMs) // a finishing job pumps again
          return
        }
        const done = finished.splice(0)
        clearTimeout(doneTimer)
        doneTimer = undefined
        const { jobs, nextDueMs: next } = await claimJobs(pool, {
          workerId,
          leaseMs,
          limit: capacity,
          done,
          limited: limitedKinds(),
        }).catch((error) => {
          finished.push(...done) // leases keep being renewed, so marking them later is safe
          throw error
        })
        for (const job of jobs) start(job)
        full = jobs.length === capacity
        if (full) {
          pumpAgain = true
          continue
        }
        if (next === null) setTimer(idlePollMs)
        else if (next <= 0) setTimer(jobs.length > 0 ? 0 : RECHECK_MS)
        // A timer to the next due job, not a poll: p50 3 / p99 6 ms late on PostgreSQL, against
        // 482 / 978 ms polling every second (bench/jobs.ts). +1: libuv may fire a ms early.
        else setTimer(Math.min(Math.ceil(next) + 1, idlePollMs))
      } while (pumpAgain)
    } catch (error) {
      logger.error({ err: error }, 'job claim failed')
      setTimer(ERROR_RETRY_MS)
    }
  }

  const start = (job: ClaimedJob) => {
    const controller = new AbortController()
    const entry: Running = { controller, settled: Promise.resolve(), abandoned: false }
    entry.settled = runJob(job, { definitions, database, signal: controller.signal, logger }).then(
      (outcome) => {
        running.delete(job.id)
        countRunning(job.name, -1)
        if (entry.abandoned) return
        if (outcome.state === 'done') finished.push(job.id)
        else if (outcome.state === 'dead') {
          logger.error({ jobId: job.id, job: job.name, error: outcome.error }, 'job dead')
          track(markDead(pool, { workerId, id: job.id, error: outcome.error }).catch(logWrite))
        } else {
          const write = { workerId, id: job.id, delayMs: outcome.delayMs, error: outcome.error }
          // Pump once the new run_at is written, so the timer is set to it.
          track(markRetry(pool, write).then(() => pump(), logWrite))
        }
        afterCompletion()
      },
    )
    running.set(job.id, entry)
    countRunning(job.name, 1)
  }

  // Handlers that finish in the same tick share one claim, which also marks them done and
  // frees their slots: an update per job instead gave 5,200 jobs/s on PostgreSQL, 1,600
  // embedded; a separate update for the done ones cost a statement per turn. When no due job
  // waits for a slot, the next claim (a timer, a wake-up) carries them instead.
  const afterCompletion = () => {
    if (!full && !stopping) {
      doneTimer ??= setTimeout(() => {
        doneTimer = undefined
        void pump()
      }, DONE_DELAY_MS)
      return
    }
    if (tickScheduled) return
    tickScheduled = true
    setImmediate(() => {
      tickScheduled = false
      if (stopping) track(flush())
      else track(pump())
    })
  }

  /** Marks finished jobs done without claiming (stopping, or the claim loop already busy). */
  const flush = async () => {
    if (finished.length === 0) return
    const ids = finished.splice(0)
    try {
      await markDone(pool, workerId, ids)
    } catch (error) {
      logWrite(error)
      finished.push(...ids) // leases keep being renewed, so retrying later is safe
      if (!stopping) setTimeout(() => track(flush()), ERROR_RETRY_MS)
    }
  }

  const logWrite = (error: unknown) => logger.error({ err: error }, 'job state write failed')

  const renew = async () => {
    const ids = [...running.keys(), ...finished]
    if (ids.length === 0) return
    const held = await renewLeases(pool, { workerId, ids, leaseMs })
    for (const id of ids) {
      const entry = running.get(id)
      if (!entry || held.has(id)) continue
      // Paused past the lease: another worker may own the job now, so drop this run.
      logger.warn({ jobId: id }, 'lease lost; abandoning the job')
      entry.abandoned = true
      entry.controller.abort(new Error('lease lost'))
    }
  }

  const every = (ms: number, task: () => Promise<unknown>) =>
    setInterval(() => void task().catch((err) => logger.error({ err }, 'worker task failed')), ms)

  await beat(pool, identity)
  const unsubscribe = database.notifier.on(JOBS_CHANNEL, () => void pump())
  await database.notifier.ready()
  const renewTimer = every(Math.max(Math.floor(leaseMs / 3), 50), renew)
  const heartbeatTimer = every(options.heartbeatMs ?? 5_000, () => beat(pool, identity))
  const recurring = options.recurring ?? []
  const schedule = () => Promise.all(recurring.map((r) => scheduleRecurring(database, r)))
  await schedule()
  const recurringTimer = every(RECURRING_CHECK_MS, schedule)
  void pump()
  logger.info({ concurrency, definitions: [...definitions.keys()] }, 'worker started')

  const shutdown = async (graceMs: number) => {
    stopping = true
    clearTimeout(timer)
    clearTimeout(doneTimer)
    unsubscribe()
    clearInterval(recurringTimer)
    await pumping
    const all = () => Promise.all([...running.values()].map((r) => r.settled))
    let graceTimer: NodeJS.Timeout | undefined
    await Promise.race([all(), new Promise((r) => (graceTimer = setTimeout(r, graceMs)))])
    clearTimeout(graceTimer)
    const unfinished = [...running.entries()]
    for (const [, entry] of unfinished) {
      entry.abandoned = true
      entry.controller.abort(new Error('worker stopping'))
    }
    await flush()
    await Promise.all(writes)
    clearInterval(renewTimer)
    clearInterval(heartbeatTimer)
    if (unfinished.length > 0) {
      await releaseJobs(
        pool,
        workerId,
        unfinished.map(([id]) => id),
      )
      await database.notifier.notify(JOBS_CHANNEL)
      logger.warn({ jobs: unfinished.length }, 'released unfinished jobs')
    }
    await removeHeartbeat(pool, workerId)
    logger.info('worker stopped')
  }

  return {
    workerId,
    stop: (graceMs = 10_000) => {
      stopped ??= shutdown(graceMs)
      return stopped
    },
  }
}
