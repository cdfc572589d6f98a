import { z } from 'zod'
import { flagStuckDeliveries } from '../commands/flag-stuck-deliveries.ts'
import { defineJob } from '../queue/define-job.ts'

/** Every few minutes: deliveries nothing will move again go to review (see the command). */
export const flagStuckDeliveriesJob = defineJob({
  id: 'flag-stuck-deliveries',
  version: 1,
  payloadSchema: z.object({}),
  retry: { maxAttempts: 3 },
  async handler(_payload, ctx) {
    const flagged = await flagStuckDeliveries(ctx.database)
    if (flagged) ctx.logger.warn({ flagged }, `${flagged} stuck deliveries wait for review`)
  },
})
