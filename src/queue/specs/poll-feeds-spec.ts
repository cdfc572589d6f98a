import { z } from 'zod'
import type { JobSpec } from '../define-job.ts'

/** Every minute, and right after an OPML import: hand the due sources to poll-host jobs. */
export const pollFeedsSpec = {
  id: 'poll-feeds',
  version: 1,
  payloadSchema: z.object({}),
  retry: { maxAttempts: 3 },
} satisfies JobSpec
