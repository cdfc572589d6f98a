import { describe, expect, it } from 'vitest'
import { sleep, useJobTestbed } from '../../test/jobs.ts'
import { isWorkerAlive, latestHeartbeat } from './heartbeat.ts'

const testbed = useJobTestbed()

describe('worker heartbeats', () => {
  it('beat while the worker runs and are gone once it stops', async () => {
    expect(await isWorkerAlive(testbed.database)).toBe(false)
    const worker = await testbed.startWorker({ definitions: [], heartbeatMs: 100, role: 'all' })
    const first = await latestHeartbeat(testbed.database)
    expect(first).toMatchObject({ workerId: worker.workerId, role: 'all', pid: process.pid })
    expect(await isWorkerAlive(testbed.database, 1_000)).toBe(true)

    await sleep(350)
    const later = await latestHeartbeat(testbed.database)
    expect(later?.lastBeatAt.getTime()).toBeGreaterThan(first?.lastBeatAt.getTime() as number)
    expect(later?.ageMs).toBeLessThan(300)

    await worker.stop()
    expect(await latestHeartbeat(testbed.database)).toBeNull()
    expect(await isWorkerAlive(testbed.database)).toBe(false)
  })

  it('count a worker as dead once its last beat is older than the limit', async () => {
    await testbed.database.pool.query(
      `insert into worker_heartbeats (worker_id, role, host, pid, last_beat_at)
       values ('gone', 'worker', 'elsewhere', 1, now() - interval '2 minutes')`,
    )
    expect(await isWorkerAlive(testbed.database, 60_000)).toBe(false)
    expect(await isWorkerAlive(testbed.database, 180_000)).toBe(true)
  })
})
