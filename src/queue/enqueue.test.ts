import { sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { countJobs, readJob, useJobTestbed } from '../../test/jobs.ts'
import { defineJob } from './define-job.ts'
import { enqueue, enqueueMany, JOBS_CHANNEL } from './enqueue.ts'

const greet = defineJob({
  id: 'greet',
  version: 2,
  payloadSchema: z.object({ name: z.string().min(1) }),
  retry: { maxAttempts: 4 },
  handler: async () => {},
})

const testbed = useJobTestbed()

describe('enqueue', () => {
  it('inserts a pending job with its version, payload and retry limit', async () => {
    const runAt = new Date(Date.now() + 60_000)
    const id = await enqueue(testbed.database, greet, { name: 'Ada' }, { runAt })
    expect(id).toEqual(expect.any(Number))
    const { rows } = await testbed.database.pool.query(
      'select name, version, payload, state, max_attempts, run_at from jobs where id = $1',
      [id],
    )
    expect(rows[0]).toEqual({
      name: 'greet',
      version: 2,
      payload: { name: 'Ada' },
      state: 'pending',
      max_attempts: 4,
      run_at: runAt,
    })
  })

  it('is a no-op for a second job with the same unique key', async () => {
    const first = await enqueue(
      testbed.database,
      greet,
      { name: 'Ada' },
      { uniqueKey: 'greet:ada' },
    )
    const second = await enqueue(
      testbed.database,
      greet,
      { name: 'Bob' },
      { uniqueKey: 'greet:ada' },
    )
    expect(first).not.toBeNull()
    expect(second).toBeNull()
    expect(await countJobs(testbed.database)).toBe(1)
    expect((await readJob(testbed.database, first as number)).name).toBe('greet')
  })

  it('rejects a payload that fails the schema, inserting nothing', async () => {
    await expect(enqueue(testbed.database, greet, { name: '' })).rejects.toThrow()
    expect(await countJobs(testbed.database)).toBe(0)
  })

  it('wakes the workers', async () => {
    let woken = 0
    const off = testbed.database.notifier.on(JOBS_CHANNEL, () => woken++)
    await testbed.database.notifier.ready()
    await enqueue(testbed.database, greet, { name: 'Ada' })
    await expect.poll(() => woken, { timeout: 10_000 }).toBeGreaterThan(0)
    off()
  })

  it('joins the caller’s transaction: rolled back with it, kept when it commits', async () => {
    await expect(
      testbed.database.db.transaction(async (tx) => {
        await enqueue(testbed.database, greet, { name: 'Ada' }, { executor: tx })
        throw new Error('rollback')
      }),
    ).rejects.toThrow('rollback')
    expect(await countJobs(testbed.database)).toBe(0)

    await testbed.database.db.transaction(async (tx) => {
      await tx.execute(sql`select 1`)
      await enqueue(testbed.database, greet, { name: 'Bob' }, { executor: tx })
    })
    expect(await countJobs(testbed.database)).toBe(1)
  })

  it('inserts many jobs in one statement, skipping colliding unique keys', async () => {
    await enqueue(testbed.database, greet, { name: 'Ada' }, { uniqueKey: 'k1' })
    const ids = await enqueueMany(testbed.database, greet, [
      { payload: { name: 'Ada' }, uniqueKey: 'k1' },
      { payload: { name: 'Bob' }, uniqueKey: 'k2' },
      { payload: { name: 'Cy' }, runAt: new Date(Date.now() + 5_000) },
    ])
    expect(ids).toHaveLength(2)
    expect(await countJobs(testbed.database)).toBe(3)
    expect(await countJobs(testbed.database, `run_at > now() + interval '1 second'`)).toBe(1)
  })

  it('inserts a batch too big for one socket read while other connections query', async () => {
    const items = Array.from({ length: 20_000 }, (_, i) => ({ payload: { name: `person ${i}` } }))
    let queries = 0
    const busy = async () => {
      for (let i = 0; i < 200; i++) {
        await testbed.database.pool.query('select $1::int as i', [i])
        queries++
      }
    }
    const [ids] = await Promise.all([enqueueMany(testbed.database, greet, items), busy(), busy()])
    expect(ids).toHaveLength(20_000)
    expect(queries).toBe(400)
    expect(await countJobs(testbed.database)).toBe(20_000)
  })
})
