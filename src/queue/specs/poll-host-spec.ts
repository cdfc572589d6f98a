import { z } from 'zod'
import type { JobSpec } from '../define-job.ts'
import { BACKGROUND_READS } from './background-limit.ts'

/**
 * Poll a batch of one host's sources, one at a time (commands/claim-due-sources.ts hands
 * them out). A failing feed is the source's business, recorded on it; the job itself only
 * retries when the handler crashed.
 */
export const pollHostSpec = {
  id: 'poll-host',
  version: 1,
  payloadSchema: z.object({ sourceIds: z.array(z.uuid()).min(1).max(500) }),
  retry: { maxAttempts: 3, baseDelayMs: 30_000, maxDelayMs: 10 * 60_000 },
  limit: BACKGROUND_READS,
} satisfies JobSpec
