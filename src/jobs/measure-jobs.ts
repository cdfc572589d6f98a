import type { NetworkRegistry } from '../networks/registry.ts'
import type { JobDefinition } from '../queue/define-job.ts'
import type { RecurringJob } from '../queue/schedule-recurring.ts'
import { SNAPSHOT_SWEEP_EVERY_MS, snapshotSweepJob } from './snapshot-sweep-job.ts'
import { createTakeSnapshotsJob } from './take-snapshots-job.ts'

/** Measurement's jobs for a worker: the sweep for due engagement snapshots, and reading them. */
export function createMeasureJobs(options: { networks: NetworkRegistry; secret: Buffer }): {
  definitions: JobDefinition[]
  recurring: RecurringJob[]
} {
  return {
    definitions: [snapshotSweepJob, createTakeSnapshotsJob(options)],
    recurring: [{ definition: snapshotSweepJob, payload: {}, everyMs: SNAPSHOT_SWEEP_EVERY_MS }],
  }
}
