import type pg from 'pg'
import type { Database } from '../store/connect.ts'

export type WorkerIdentity = { workerId: string; role: string; host: string; pid: number }

export async function beat(pool: pg.Pool, worker: WorkerIdentity): Promise<void> {
  await pool.query(
    `insert into worker_heartbeats (worker_id, role, host, pid) values ($1, $2, $3, $4)
     on conflict (worker_id) do update set last_beat_at = now(), role = excluded.role,
       host = excluded.host, pid = excluded.pid`,
    [worker.workerId, worker.role, worker.host, worker.pid],
  )
}

export async function removeHeartbeat(pool: pg.Pool, workerId: string): Promise<void> {
  await pool.query('delete from worker_heartbeats where worker_id = $1', [workerId])
}

export type Heartbeat = WorkerIdentity & { startedAt: Date; lastBeatAt: Date; ageMs: number }

/** The most recent heartbeat of any worker, with its age by the database clock; null if none. */
export async function latestHeartbeat(database: Database): Promise<Heartbeat | null> {
  const { rows } = await database.pool.query<Heartbeat>(
    `select worker_id as "workerId", role, host, pid, started_at as "startedAt",
       last_beat_at as "lastBeatAt",
       (extract(epoch from clock_timestamp() - last_beat_at) * 1000)::float8 as "ageMs"
     from worker_heartbeats order by last_beat_at desc limit 1`,
  )
  return rows[0] ?? null
}

/** For /readyz: some worker beat within `maxAgeMs` (workers beat every 5 s by default). */
export async function isWorkerAlive(database: Database, maxAgeMs = 30_000): Promise<boolean> {
  const latest = await latestHeartbeat(database)
  return latest !== null && latest.ageMs <= maxAgeMs
}
