// A worker process for bench/jobs.ts, driven over IPC: it receives its settings, answers
// `ready`, and on `stop` sends back every execution it recorded.
import { setTimeout as sleep } from 'node:timers/promises'
import { startWorker } from '../src/queue/worker.ts'
import { connect, type Database } from '../src/store/connect.ts'
import { type Run, recordingJob, wallClockMs } from './recording-job.ts'

export type WorkerSettings = {
  url: string
  mode: 'queue' | 'poll'
  concurrency: number
  workerId: string
}

const send = (message: unknown) =>
  new Promise<void>((resolve) => process.send?.(message, () => resolve()))

process.once('message', async (settings: WorkerSettings) => {
  const database = await connect({ kind: 'server', url: settings.url, poolSize: 10 })
  const runs: Run[] = []
  const stop =
    settings.mode === 'queue'
      ? await startQueueWorker(database, settings, runs)
      : startPollingWorker(database, settings, runs)
  process.once('message', async () => {
    await stop()
    await send({ type: 'runs', runs })
    await database.close()
    process.disconnect()
  })
  await send({ type: 'ready' })
})

async function startQueueWorker(database: Database, settings: WorkerSettings, runs: Run[]) {
  const worker = await startWorker({
    database,
    definitions: [recordingJob(runs)],
    concurrency: settings.concurrency,
    workerId: settings.workerId,
  })
  return () => worker.stop(5_000)
}

/** The baseline: what a queue without timers or wake-ups does, claiming every second. */
function startPollingWorker(database: Database, settings: WorkerSettings, runs: Run[]) {
  const stopping = new AbortController()
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const { rows } = await database.pool.query<{ id: string; run_at: Date }>(
        `update jobs set state = 'running', locked_by = $1, attempts = attempts + 1
         where id in (select id from jobs where state = 'pending' and run_at <= now()
                      order by run_at limit $2 for update skip locked)
         returning id, run_at`,
        [settings.workerId, settings.concurrency],
      )
      const startedAt = wallClockMs()
      for (const row of rows) runs.push([Number(row.id), startedAt - row.run_at.getTime()])
      await database.pool.query(
        `update jobs set state = 'done', finished_at = now() where id = any($1::bigint[])`,
        [rows.map((row) => row.id)],
      )
      if (rows.length < settings.concurrency) {
        await sleep(1_000, undefined, { signal: stopping.signal }).catch(() => {})
      }
    }
  })()
  return async () => {
    stopping.abort()
    await loop
  }
}
