import type { JobDefinition } from '../queue/define-job.ts'
import type { RecurringJob } from '../queue/schedule-recurring.ts'
import { sweepJobs } from '../queue/sweep-jobs.ts'
import { flagStuckDeliveriesJob } from './flag-stuck-deliveries-job.ts'

/** Job definitions every worker runs, whatever features are on. */
export const coreJobDefinitions: JobDefinition[] = [sweepJobs, flagStuckDeliveriesJob]

export const coreRecurringJobs: RecurringJob[] = [
  { definition: sweepJobs, payload: {}, everyMs: 60 * 60_000 },
  { definition: flagStuckDeliveriesJob, payload: {}, everyMs: 5 * 60_000 },
]
