import type { JobDefinition } from './define-job.ts'
import { flagStuckDeliveriesJob } from './flag-stuck-deliveries-job.ts'
import type { RecurringJob } from './schedule-recurring.ts'
import { sweepJobs } from './sweep-jobs.ts'

/** Job definitions every worker runs, whatever features are on. */
export const coreJobDefinitions: JobDefinition[] = [sweepJobs, flagStuckDeliveriesJob]

export const coreRecurringJobs: RecurringJob[] = [
  { definition: sweepJobs, payload: {}, everyMs: 60 * 60_000 },
  { definition: flagStuckDeliveriesJob, payload: {}, everyMs: 5 * 60_000 },
]
