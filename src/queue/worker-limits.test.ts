import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { useJobTestbed, waitForJobState } from '../../test/jobs.ts'
import { defineJob, type RunningLimit } from './define-job.ts'
import { enqueue } from './enqueue.ts'

const testbed = useJobTestbed()

describe('worker: kinds sharing a limit', () => {
  it('runs at most the limit of them at once and gives the other slots to other kinds', async () => {
    const limit: RunningLimit = { name: 'slow-reads', max: 2 }
    let release = () => {}
    const gate = new Promise<void>((resolve) => (release = resolve))
    let now = 0
    let most = 0
    const slow = (id: string) =>
      defineJob({
        id,
        version: 1,
        payloadSchema: z.object({}),
        limit,
        handler: async () => {
          most = Math.max(most, ++now)
          await gate
          now--
        },
      })
    const ran: number[] = []
    const quick = defineJob({
      id: 'quick',
      version: 1,
      payloadSchema: z.object({}),
      handler: async (_payload, ctx) => void ran.push(ctx.jobId),
    })
    const [readA, readB] = [slow('read-a'), slow('read-b')]
    const slowIds: number[] = []
    for (let i = 0; i < 4; i++) {
      slowIds.push((await enqueue(testbed.database, readA, {})) as number)
      slowIds.push((await enqueue(testbed.database, readB, {})) as number)
    }
    const quickIds: number[] = []
    for (let i = 0; i < 4; i++)
      quickIds.push((await enqueue(testbed.database, quick, {})) as number)
    // The idle poll is far away: a slow job waiting for its limit starts when one of its
    // limit ends, not at the next poll.
    await testbed.startWorker({
      definitions: [readA, readB, quick],
      concurrency: 6,
      idlePollMs: 60_000,
    })

    // Due after all eight slow jobs, yet they run while the first two still hold the limit.
    await Promise.all(quickIds.map((id) => waitForJobState(testbed.database, id, 'done')))
    expect(now).toBe(2)
    release()
    const started = Date.now()
    await Promise.all(slowIds.map((id) => waitForJobState(testbed.database, id, 'done')))
    expect(Date.now() - started).toBeLessThan(5_000)
    expect(most).toBe(2)
  })
})
