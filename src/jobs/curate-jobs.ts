import type { Config } from '../config.ts'
import type { PollPolicy } from '../core/curate/poll-schedule.ts'
import {
  createConfiguredFeedReader,
  type FeedReader,
} from '../networks/feeds/create-feed-reader.ts'
import type { JobDefinition } from '../queue/define-job.ts'
import type { RecurringJob } from '../queue/schedule-recurring.ts'
import { pollFeedsJob } from './poll-feeds-job.ts'
import { createPollHostJob } from './poll-host-job.ts'

export const POLL_FEEDS_EVERY_MS = 60_000

/** Curation's jobs for a worker: handing out due sources each minute, and polling them. */
export function createCurateJobs(options: {
  config: Pick<Config, 'allowPrivateNetwork' | 'publicUrl'>
  reader?: FeedReader
  policy?: PollPolicy
}): { definitions: JobDefinition[]; recurring: RecurringJob[] } {
  const reader = options.reader ?? createConfiguredFeedReader(options.config)
  return {
    definitions: [pollFeedsJob, createPollHostJob({ reader, policy: options.policy })],
    recurring: [{ definition: pollFeedsJob, payload: {}, everyMs: POLL_FEEDS_EVERY_MS }],
  }
}
