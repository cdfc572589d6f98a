// The app's job kinds that share a running limit (src/queue/specs/background-limit.ts), with
// handlers that do nothing: a bench worker that knows them claims with the limits `sous start`
// passes, though none of them is ever enqueued here.
import { inboxPollSpec } from '../src/jobs/inbox-jobs.ts'
import type { JobDefinition, JobSpec } from '../src/queue/define-job.ts'
import { pollHostSpec } from '../src/queue/specs/poll-host-spec.ts'
import { syncPeopleSpec } from '../src/queue/specs/sync-people-spec.ts'
import { takeSnapshotsSpec } from '../src/queue/specs/take-snapshots-spec.ts'

const specs: JobSpec[] = [pollHostSpec, takeSnapshotsSpec, syncPeopleSpec, inboxPollSpec]

export const backgroundKinds: JobDefinition[] = specs.map((spec) => ({
  ...spec,
  handler: async () => {},
}))
