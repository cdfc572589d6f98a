import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { countJobs, readJob, sleep, useJobTestbed, waitForJobState } from '../../test/jobs.ts'
import { defineJob } from './define-job.ts'
import { enqueue, enqueueMany } from './enqueue.ts'

const testbed = useJobTestbed()

function countingJob(work: (signal: AbortSignal) => Promise<void> = async () => {}) {
  const runs = new Map<number, number[]>()
  const definition = defineJob({
    id: 'counted',
    version: 1,
    payloadSchema: z.object({}),
    handler: async (_payload, ctx) => {
      runs.set(ctx.jobId, [...(runs.get(ctx.jobId) ?? []), ctx.attempt])
      await work(ctx.signal)
    },
  })
  return { definition, runs }
}

/** A row as a crashed worker leaves it: running, locked by it, its lease ending at `leaseEndsIn`. */
async function insertRunning(leaseEndsIn: string): Promise<number> {
  const { rows } = await testbed.database.pool.query<{ id: number }>(
    `insert into jobs (name, state, attempts, locked_by, locked_until, run_at)
     values ('counted', 'running', 1, 'crashed-worker', now() + $1::interval, now() - interval '1 minute')
     returning id::int`,
    [leaseEndsIn],
  )
  return (rows[0] as { id: number }).id
}

describe('worker leases', () => {
  it('takes over a crashed worker’s job once its lease has passed', async () => {
    const { definition, runs } = countingJob()
    const expired = await insertRunning('-1 second')
    const expiring = await insertRunning('700 milliseconds')
    const held = await insertRunning('1 hour')
    const startedAt = Date.now()
    await testbed.startWorker({ definitions: [definition] })

    await waitForJobState(testbed.database, expired, 'done', 5_000)
    expect(runs.get(expired)).toEqual([2])
    await waitForJobState(testbed.database, expiring, 'done', 5_000)
    expect(Date.now() - startedAt).toBeGreaterThanOrEqual(650)
    const stillHeld = await readJob(testbed.database, held)
    expect(stillHeld).toMatchObject({ state: 'running', lockedBy: 'crashed-worker' })
    expect(runs.has(held)).toBe(false)
  })

  it('runs each of 500 jobs exactly once across two workers', async () => {
    const { definition, runs } = countingJob(() => sleep(Math.random() * 3))
    const ids = await enqueueMany(
      testbed.database,
      definition,
      Array.from({ length: 500 }, () => ({ payload: {} })),
    )
    await Promise.all([
      testbed.startWorker({ definitions: [definition], concurrency: 8, workerId: 'worker-a' }),
      testbed.startWorker({ definitions: [definition], concurrency: 8, workerId: 'worker-b' }),
    ])
    await expect
      .poll(() => countJobs(testbed.database, `state = 'done'`), { timeout: 20_000 })
      .toBe(500)
    expect(ids).toHaveLength(500)
    expect(ids.filter((id) => runs.get(id)?.length !== 1)).toEqual([])
    expect(runs.size).toBe(500)
  })

  it('keeps renewing the lease of a long job, so no other worker runs it again', async () => {
    const { definition, runs } = countingJob(() => sleep(1_000))
    await testbed.startWorker({ definitions: [definition], leaseMs: 300, workerId: 'worker-a' })
    const id = (await enqueue(testbed.database, definition, {})) as number
    await waitForJobState(testbed.database, id, 'running')
    await testbed.startWorker({ definitions: [definition], leaseMs: 300, workerId: 'worker-b' })
    await waitForJobState(testbed.database, id, 'done')
    expect(runs.get(id)).toEqual([1])
  })

  it('on a graceful stop, lets a short job finish', async () => {
    let aborted = false
    const { definition } = countingJob(async (signal) => {
      await sleep(200)
      aborted = signal.aborted
    })
    const worker = await testbed.startWorker({ definitions: [definition] })
    const id = (await enqueue(testbed.database, definition, {})) as number
    await waitForJobState(testbed.database, id, 'running')
    await worker.stop(5_000)
    expect(aborted).toBe(false)
    expect((await readJob(testbed.database, id)).state).toBe('done')
  })

  it('on a graceful stop, aborts a job that outlasts the grace and hands it to another worker', async () => {
    let abortedAt = 0
    let calls = 0
    const { definition, runs } = countingJob(async (signal) => {
      if (++calls > 1) return
      await new Promise((resolve) => signal.addEventListener('abort', resolve))
      abortedAt = Date.now()
    })
    const worker = await testbed.startWorker({ definitions: [definition], workerId: 'leaving' })
    const id = (await enqueue(testbed.database, definition, {})) as number
    await waitForJobState(testbed.database, id, 'running')
    const stopAt = Date.now()
    await worker.stop(300)
    expect(abortedAt - stopAt).toBeGreaterThanOrEqual(290)
    expect(await readJob(testbed.database, id)).toMatchObject({
      state: 'pending',
      lockedBy: null,
      attempts: 0,
    })

    await testbed.startWorker({ definitions: [definition], workerId: 'staying' })
    await waitForJobState(testbed.database, id, 'done')
    expect(runs.get(id)).toEqual([1, 1])
  })
})
