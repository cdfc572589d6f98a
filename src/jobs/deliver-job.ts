import { claimDelivery } from '../commands/claim-delivery.ts'
import { publishDelivery } from '../commands/publish-delivery.ts'
import { recordDeliveryOutcome } from '../commands/record-delivery-outcome.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { defineJob } from './define-job.ts'
import { deliverSpec } from './deliver-spec.ts'

/** The delivery engine's one job: claim (with the brake check), attempt, record. */
export function createDeliverJob(deps: { networks: NetworkRegistry; secret: Buffer }) {
  return defineJob({
    ...deliverSpec,
    handler: async ({ deliveryId }, ctx) => {
      const claimed = await claimDelivery(ctx.db.db, deliveryId)
      if (!claimed) return
      const outcome = await publishDelivery(ctx.db.db, deps.secret, deps.networks, claimed)
      const decision = await recordDeliveryOutcome(ctx.db, claimed, outcome)
      ctx.logger.info({ deliveryId, state: decision.state }, `delivery ${decision.state}`)
    },
  })
}
