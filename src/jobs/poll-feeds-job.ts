import { z } from 'zod'
import { claimDueSources } from '../commands/claim-due-sources.ts'
import { defineJob } from './define-job.ts'

/** Every minute, and right after an OPML import: hand the due sources to poll-host jobs. */
export const pollFeedsJob = defineJob({
  id: 'poll-feeds',
  version: 1,
  payloadSchema: z.object({}),
  retry: { maxAttempts: 3 },
  async handler(_payload, ctx) {
    const claimed = await claimDueSources(ctx.db, { now: new Date() })
    if (claimed.sources) ctx.logger.debug(claimed, 'feeds handed out for polling')
  },
})
