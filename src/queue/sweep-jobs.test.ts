import { describe, expect, it } from 'vitest'
import { countJobs, useJobTestbed, waitForJobState } from '../../test/jobs.ts'
import { coreJobDefinitions, coreRecurringJobs } from '../jobs/core-jobs.ts'
import { enqueue } from './enqueue.ts'
import { scheduleRecurring } from './schedule-recurring.ts'
import { sweepJobs } from './sweep-jobs.ts'

const testbed = useJobTestbed()

async function insertFinished(label: string, state: string, finishedDaysAgo: number | null) {
  await testbed.database.pool.query(
    `insert into jobs (name, state, unique_key, finished_at, created_at)
     values ('old', $1, $2, now() - $3 * interval '1 day', now() - interval '90 days')`,
    [state, label, finishedDaysAgo],
  )
}

describe('sweep-jobs', () => {
  it('deletes done jobs after 7 days and dead jobs after 30, nothing else', async () => {
    await insertFinished('done-8d', 'done', 8)
    await insertFinished('done-6d', 'done', 6)
    await insertFinished('dead-31d', 'dead', 31)
    await insertFinished('dead-29d', 'dead', 29)
    await insertFinished('pending-old', 'pending', null)
    await testbed.database.pool.query(
      `update jobs set run_at = now() + interval '1 day' where unique_key = 'pending-old'`,
    )
    await testbed.startWorker({ definitions: coreJobDefinitions })
    const id = (await enqueue(testbed.database, sweepJobs, {})) as number
    await waitForJobState(testbed.database, id, 'done')

    const { rows } = await testbed.database.pool.query<{ key: string }>(
      `select unique_key as key from jobs where name = 'old' order by unique_key`,
    )
    expect(rows.map((r) => r.key)).toEqual(['dead-29d', 'done-6d', 'pending-old'])
  })

  it('honours other retention periods from its payload', async () => {
    await insertFinished('done-3d', 'done', 3)
    await insertFinished('dead-3d', 'dead', 3)
    await testbed.startWorker({ definitions: coreJobDefinitions })
    const id = (await enqueue(testbed.database, sweepJobs, { doneDays: 2, deadDays: 4 })) as number
    await waitForJobState(testbed.database, id, 'done')
    expect(await countJobs(testbed.database, `name = 'old'`)).toBe(1)
    expect(await countJobs(testbed.database, `unique_key = 'dead-3d'`)).toBe(1)
  })

  it('is scheduled once per period however many workers schedule it', async () => {
    const [hourly] = coreRecurringJobs
    if (!hourly) throw new Error('the sweep is not scheduled')
    const now = new Date()
    const first = await scheduleRecurring(testbed.database, hourly, now)
    const again = await scheduleRecurring(testbed.database, hourly, now)
    const nextPeriod = await scheduleRecurring(
      testbed.database,
      hourly,
      new Date(now.getTime() + hourly.everyMs),
    )
    expect(first).not.toBeNull()
    expect(again).toBeNull()
    expect(nextPeriod).not.toBeNull()

    await testbed.database.pool.query('delete from jobs')
    await Promise.all([
      testbed.startWorker({ definitions: coreJobDefinitions, recurring: coreRecurringJobs }),
      testbed.startWorker({ definitions: coreJobDefinitions, recurring: coreRecurringJobs }),
    ])
    // Every recurring job of the period runs once, not once per worker.
    await expect
      .poll(() => countJobs(testbed.database, `state = 'done'`), { timeout: 10_000 })
      .toBe(coreRecurringJobs.length)
    for (const { definition } of coreRecurringJobs) {
      expect(await countJobs(testbed.database, `name = '${definition.id}'`)).toBe(1)
    }
  })
})
