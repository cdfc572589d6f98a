import type { Database } from '../store/connect.ts'
import type { JobDefinition, JobPayload } from './define-job.ts'
import { enqueue } from './enqueue.ts'

export type RecurringJob<Definition extends JobDefinition = JobDefinition> = {
  definition: Definition
  payload: JobPayload<Definition>
  everyMs: number
}

/**
 * Enqueues the job of the current period, keyed `<id>@<period>`: every worker calls this
 * and the unique key makes them collide instead of duplicating. Periods follow the
 * worker's clock; skewed clocks cost at most one extra run at a period boundary.
 */
export async function scheduleRecurring(
  database: Database,
  recurring: RecurringJob,
  now: Date = new Date(),
): Promise<number | null> {
  const period = Math.floor(now.getTime() / recurring.everyMs)
  return enqueue(database, recurring.definition, recurring.payload, {
    uniqueKey: `${recurring.definition.id}@${recurring.everyMs}:${period}`,
  })
}
