import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { readJob, sleep, useJobTestbed, waitForJobState } from '../../test/jobs.ts'
import { defineJob } from './define-job.ts'
import { enqueue } from './enqueue.ts'

const testbed = useJobTestbed()

/** A job that records, by the wall clock, how late it started against when it was due. */
function recordingJob() {
  const lateness = new Map<number, number>()
  const definition = defineJob({
    id: 'record-start',
    version: 1,
    payloadSchema: z.object({ dueAt: z.number() }),
    handler: async (payload, ctx) => {
      lateness.set(ctx.jobId, Date.now() - payload.dueAt)
    },
  })
  const enqueueDueIn = async (ms: number) => {
    const dueAt = Date.now() + ms
    const runAt = ms > 0 ? new Date(dueAt) : undefined
    return (await enqueue(testbed.database, definition, { dueAt }, { runAt })) as number
  }
  return { definition, lateness, enqueueDueIn }
}

// Timing assertions: on this shared 2-core machine another suite can starve the process
// for whole seconds, so a miss is retried; an absent timer still fails every try.
describe('worker timing', { retry: 2 }, () => {
  it('runs a job due in 300 ms on time, not before', async () => {
    const { definition, lateness, enqueueDueIn } = recordingJob()
    await testbed.startWorker({ definitions: [definition] })
    const id = await enqueueDueIn(300)
    await waitForJobState(testbed.database, id, 'done')
    expect(lateness.get(id)).toBeGreaterThanOrEqual(0)
    expect(lateness.get(id)).toBeLessThan(200)
  })

  it('does not run a future job early', async () => {
    const { definition, lateness, enqueueDueIn } = recordingJob()
    await testbed.startWorker({ definitions: [definition] })
    const id = await enqueueDueIn(1_500)
    await sleep(1_000)
    expect(lateness.size).toBe(0)
    expect((await readJob(testbed.database, id)).state).toBe('pending')
    await waitForJobState(testbed.database, id, 'done')
    expect(lateness.get(id)).toBeGreaterThanOrEqual(0)
  })

  it('wakes for a job due now, and for jobs enqueued before it started', async () => {
    const { definition, lateness, enqueueDueIn } = recordingJob()
    const early = await enqueueDueIn(400)
    await testbed.startWorker({ definitions: [definition] })
    const now = await enqueueDueIn(0)
    await waitForJobState(testbed.database, early, 'done')
    expect(lateness.get(now)).toBeLessThan(200)
    expect(lateness.get(early)).toBeGreaterThanOrEqual(0)
    expect(lateness.get(early)).toBeLessThan(200)
  })

  it('runs a spread of due times each on time, in due order', async () => {
    const { definition, lateness, enqueueDueIn } = recordingJob()
    await testbed.startWorker({ definitions: [definition] })
    const offsets = [800, 200, 600, 400, 1_000]
    const ids = await Promise.all(offsets.map((offset) => enqueueDueIn(offset)))
    await Promise.all(ids.map((id) => waitForJobState(testbed.database, id, 'done')))
    for (const id of ids) {
      expect(lateness.get(id)).toBeGreaterThanOrEqual(0)
      expect(lateness.get(id)).toBeLessThan(200)
    }
    const byDue = ids.map((id, i) => ({ id, offset: offsets[i] ?? 0 }))
    byDue.sort((a, b) => a.offset - b.offset)
    expect([...lateness.keys()]).toEqual(byDue.map((job) => job.id))
  })
})
