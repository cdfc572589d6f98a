import { claimDueSources } from '../commands/claim-due-sources.ts'
import { defineJob } from '../queue/define-job.ts'
import { pollFeedsSpec } from '../queue/specs/poll-feeds-spec.ts'

export const pollFeedsJob = defineJob({
  ...pollFeedsSpec,
  async handler(_payload, ctx) {
    const claimed = await claimDueSources(ctx.database, { now: new Date() })
    if (claimed.sources) ctx.logger.debug(claimed, 'feeds handed out for polling')
  },
})
