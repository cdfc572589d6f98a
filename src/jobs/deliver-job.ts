import { claimDeliveries } from '../commands/claim-delivery.ts'
import { publishDelivery } from '../commands/publish-delivery.ts'
import { type Attempt, recordDeliveryOutcomes } from '../commands/record-delivery-outcome.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { defineJob } from '../queue/define-job.ts'
import { deliverSpec } from '../queue/specs/deliver-spec.ts'
import { batchCalls } from '../store/batch-calls.ts'
import type { Database } from '../store/connect.ts'
import { engagedBrakes } from '../store/queries/engaged-brakes.ts'

/**
 * The delivery engine's one job: claim (with the brake check), attempt, record. The claims,
 * the last brake checks and the outcomes of deliveries running at once go to the database in
 * batches: round trips are what limit the embedded database, which runs one query at a time.
 */
export function createDeliverJob(deps: { networks: NetworkRegistry; secret: Buffer }) {
  const batches = new WeakMap<Database, ReturnType<typeof batchesFor>>()
  return defineJob({
    ...deliverSpec,
    handler: async ({ deliveryId }, ctx) => {
      const batch = batches.get(ctx.database) ?? batchesFor(ctx.database)
      batches.set(ctx.database, batch)
      const claimed = await batch.claim(deliveryId)
      if (!claimed) return
      const outcome = await publishDelivery(
        ctx.database.db,
        deps.secret,
        deps.networks,
        claimed,
        batch.readBrakes,
      )
      const decision = await batch.record({ claimed, outcome })
      ctx.logger.info({ deliveryId, state: decision.state }, `delivery ${decision.state}`)
    },
  })
}

function batchesFor(database: Database) {
  const readBrakes = batchCalls((calls: null[]) =>
    engagedBrakes(database.db).then((brakes) => calls.map(() => brakes)),
  )
  return {
    claim: batchCalls((ids: string[]) => claimDeliveries(database.db, ids)),
    readBrakes: () => readBrakes(null),
    record: batchCalls((attempts: Attempt[]) => recordDeliveryOutcomes(database, attempts)),
  }
}
