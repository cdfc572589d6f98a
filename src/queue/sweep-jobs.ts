import { z } from 'zod'
import { defineJob } from './define-job.ts'

// Small batches: embedded PGlite runs one statement at a time, so one huge delete would
// stall every request behind it.
const BATCH = 2_000

export const SweepJobsPayloadSchema = z.object({
  doneDays: z.number().int().positive().default(7),
  deadDays: z.number().int().positive().default(30),
})

/** Retention: deletes done jobs after `doneDays` and dead jobs after `deadDays`; stale heartbeats after a day. */
export const sweepJobs = defineJob({
  id: 'sweep-jobs',
  version: 1,
  payloadSchema: SweepJobsPayloadSchema,
  retry: { maxAttempts: 3 },
  async handler(payload, ctx) {
    const pool = ctx.database.pool
    let deleted = 0
    for (const [state, days] of [
      ['done', payload.doneDays],
      ['dead', payload.deadDays],
    ] as const) {
      for (;;) {
        ctx.signal.throwIfAborted()
        const { rowCount } = await pool.query(
          `delete from jobs where id in (
             select id from jobs where state = $1 and finished_at < now() - $2 * interval '1 day'
             limit ${BATCH})`,
          [state, days],
        )
        deleted += rowCount ?? 0
        if ((rowCount ?? 0) < BATCH) break
      }
    }
    await pool.query(`delete from worker_heartbeats where last_beat_at < now() - interval '1 day'`)
    ctx.logger.info({ deleted }, 'swept finished jobs')
  },
})
