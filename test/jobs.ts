import { afterAll, afterEach, beforeAll, vi } from 'vitest'
import { startWorker, type Worker, type WorkerOptions } from '../src/queue/worker.ts'
import type { Database } from '../src/store/connect.ts'
import { createTestDatabase, type TestDatabase } from './database.ts'

export type JobRow = {
  id: number
  name: string
  state: string
  attempts: number
  lastError: string | null
  lockedBy: string | null
  runAt: Date
  finishedAt: Date | null
}

export async function readJob(database: Database, id: number): Promise<JobRow> {
  const { rows } = await database.pool.query<JobRow>(
    `select id::int, name, state, attempts, last_error as "lastError", locked_by as "lockedBy",
       run_at as "runAt", finished_at as "finishedAt"
     from jobs where id = $1`,
    [id],
  )
  if (!rows[0]) throw new Error(`job ${id} not found`)
  return rows[0]
}

export async function waitForJobState(
  database: Database,
  id: number,
  state: string,
  timeout = 10_000,
): Promise<JobRow> {
  return vi.waitFor(
    async () => {
      const job = await readJob(database, id)
      if (job.state !== state) throw new Error(`job ${id} is ${job.state}, not ${state}`)
      return job
    },
    { timeout, interval: 20 },
  )
}

export async function countJobs(database: Database, where = 'true'): Promise<number> {
  const { rows } = await database.pool.query<{ n: number }>(
    `select count(*)::int as n from jobs where ${where}`,
  )
  return rows[0]?.n ?? 0
}

/**
 * One database per test file; workers started with `startWorker` are stopped, and jobs and
 * heartbeats deleted, after each test.
 */
export function useJobTestbed() {
  let database: TestDatabase | undefined
  const started: Worker[] = []
  beforeAll(async () => {
    database = await createTestDatabase()
    // A fresh PGlite takes ~250 ms for its first insert (catalog loading); warm it so timing
    // tests measure the worker, not that.
    await database.pool.query(`insert into jobs (name) values ('warm-up'); delete from jobs`)
  })
  afterAll(async () => {
    await database?.close()
  })
  afterEach(async () => {
    await Promise.all(started.splice(0).map((worker) => worker.stop(0)))
    await database?.pool.query('delete from jobs; delete from worker_heartbeats')
  })
  return {
    get database(): TestDatabase {
      if (!database) throw new Error('the test database is not ready yet')
      return database
    },
    startWorker: async (options: Omit<WorkerOptions, 'database'>) => {
      const worker = await startWorker({ database: database as TestDatabase, ...options })
      started.push(worker)
      return worker
    },
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))
