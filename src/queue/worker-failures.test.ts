import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useJobTestbed, waitForJobState } from '../../test/jobs.ts'
import { defineJob, RetryLaterError } from './define-job.ts'
import { enqueue } from './enqueue.ts'

const testbed = useJobTestbed()

async function insertRaw(name: string, version: number, payload: unknown): Promise<number> {
  const { rows } = await testbed.database.pool.query<{ id: number }>(
    'insert into jobs (name, version, payload) values ($1, $2, $3) returning id::int',
    [name, version, JSON.stringify(payload)],
  )
  return (rows[0] as { id: number }).id
}

const gaps = (times: number[]) => times.slice(1).map((t, i) => t - (times[i] as number))

// Retried on a miss: the backoff bounds are timing assertions (see worker-timing.test.ts).
describe('worker failures', { retry: 2 }, () => {
  it('retries a failing job with growing backoff, then marks it dead with the last error', async () => {
    const attempts: number[] = []
    const flaky = defineJob({
      id: 'always-fails',
      version: 1,
      payloadSchema: z.object({}),
      retry: { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 400 },
      handler: async (_payload, ctx) => {
        attempts.push(Date.now())
        throw new Error(`boom on attempt ${ctx.attempt}`)
      },
    })
    await testbed.startWorker({ definitions: [flaky] })
    const id = (await enqueue(testbed.database, flaky, {})) as number
    const job = await waitForJobState(testbed.database, id, 'dead')
    expect(attempts).toHaveLength(3)
    expect(job.attempts).toBe(3)
    expect(job.lastError).toMatch(/boom on attempt 3/)
    expect(job.finishedAt).not.toBeNull()
    // Equal jitter: the first retry waits 100–200 ms, the second 200–400 ms.
    const [first, second] = gaps(attempts) as [number, number]
    expect(first).toBeGreaterThanOrEqual(95)
    expect(first).toBeLessThan(200 + 250)
    expect(second).toBeGreaterThanOrEqual(195)
    expect(second).toBeLessThan(400 + 250)
  })

  it('succeeds on a retry and keeps the job done', async () => {
    let calls = 0
    const onceFailing = defineJob({
      id: 'fails-once',
      version: 1,
      payloadSchema: z.object({}),
      retry: { baseDelayMs: 50, maxDelayMs: 50 },
      handler: async () => {
        calls++
        if (calls === 1) throw new Error('transient')
      },
    })
    await testbed.startWorker({ definitions: [onceFailing] })
    const id = (await enqueue(testbed.database, onceFailing, {})) as number
    const job = await waitForJobState(testbed.database, id, 'done')
    expect(calls).toBe(2)
    expect(job.attempts).toBe(2)
  })

  it('reschedules a job that asks to retry later, after the delay it asked for', async () => {
    const attempts: number[] = []
    const rateLimited = defineJob({
      id: 'rate-limited',
      version: 1,
      payloadSchema: z.object({}),
      retry: { baseDelayMs: 10, maxDelayMs: 10 },
      handler: async () => {
        attempts.push(Date.now())
        if (attempts.length === 1) throw new RetryLaterError(600)
      },
    })
    await testbed.startWorker({ definitions: [rateLimited] })
    const id = (await enqueue(testbed.database, rateLimited, {})) as number
    const job = await waitForJobState(testbed.database, id, 'done')
    expect(job.attempts).toBe(2)
    const [gap] = gaps(attempts) as [number]
    expect(gap).toBeGreaterThanOrEqual(595)
    expect(gap).toBeLessThan(600 + 250)
  })

  it('marks a job dead at once when its payload fails the schema, its name is unknown or its version differs', async () => {
    let calls = 0
    const greet = defineJob({
      id: 'greet',
      version: 2,
      payloadSchema: z.object({ name: z.string() }),
      handler: async () => {
        calls++
      },
    })
    await testbed.startWorker({ definitions: [greet] })
    const invalid = await insertRaw('greet', 2, { name: 42 })
    const unknown = await insertRaw('no-such-job', 1, {})
    const oldVersion = await insertRaw('greet', 1, { name: 'Ada' })
    await enqueue(testbed.database, greet, { name: 'wake' })

    const [a, b, c] = await Promise.all([
      waitForJobState(testbed.database, invalid, 'dead'),
      waitForJobState(testbed.database, unknown, 'dead'),
      waitForJobState(testbed.database, oldVersion, 'dead'),
    ])
    expect(a.lastError).toMatch(/invalid payload for "greet": name: .*expected string/i)
    expect(a.attempts).toBe(1)
    expect(b.lastError).toMatch(/unknown job "no-such-job"/)
    expect(c.lastError).toMatch(/payload version 1 does not match the definition's version 2/)
    await expect.poll(() => calls, { timeout: 10_000 }).toBe(1)
  })
})
