import type { JobDefinition } from './define-job.ts'
import type { RecurringJob } from './schedule-recurring.ts'
import { sweepJobs } from './sweep-jobs.ts'

/** Job definitions every worker runs, whatever features are on. */
export const coreJobDefinitions: JobDefinition[] = [sweepJobs]

export const coreRecurringJobs: RecurringJob[] = [
  { definition: sweepJobs, payload: {}, everyMs: 60 * 60_000 },
]
