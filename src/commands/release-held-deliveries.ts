import { and, eq, inArray } from 'drizzle-orm'
import { DEFAULT_DELIVERY_POLICY } from '../core/delivery/delivery-state.ts'
import type { Database } from '../store/connect.ts'
import type { Tx } from '../store/executor.ts'
import { deliveries } from '../store/schema/index.ts'
import { enqueueDelivery } from './write-deliveries.ts'

/**
 * An account is back (reconnected): what was held for it goes again. A delivery whose time
 * passed beyond the engine's late tolerance goes to review instead, as at a claim, so nothing
 * goes out late by surprise. Thread segments after one not yet out wait for it, as always.
 */
export async function releaseHeldDeliveries(
  database: Database,
  tx: Tx,
  input: { accountId: string; handle: string; now: Date },
): Promise<{ released: number; toReview: number }> {
  const { now } = input
  const held = await tx
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.accountId, input.accountId), eq(deliveries.state, 'held')))
    .for('update')
  const late = (d: (typeof held)[number]) =>
    now.getTime() - d.dueAt.getTime() > DEFAULT_DELIVERY_POLICY.lateToleranceMs
  const toReview = held.filter(late)
  const released = held.filter((d) => !late(d))
  if (toReview.length) {
    await tx
      .update(deliveries)
      .set({
        state: 'needs_review',
        error: `Its time passed while ${input.handle} could not send: decide what happens to it`,
        updatedAt: now,
      })
      .where(
        inArray(
          deliveries.id,
          toReview.map((d) => d.id),
        ),
      )
  }
  for (const delivery of released) {
    const runAt = new Date(Math.max(delivery.dueAt.getTime(), now.getTime()))
    await tx
      .update(deliveries)
      .set({ state: 'scheduled', runAt, error: null, updatedAt: now })
      .where(eq(deliveries.id, delivery.id))
    if (await readyToRun(tx, delivery)) await enqueueDelivery(database, tx, delivery.id, runAt)
  }
  return { released: released.length, toReview: toReview.length }
}

/** The first segment, or one whose segment before it is out; later ones are started by it. */
async function readyToRun(tx: Tx, delivery: { variantId: string; segment: number }) {
  if (delivery.segment === 0) return true
  const [before] = await tx
    .select({ state: deliveries.state })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.variantId, delivery.variantId),
        eq(deliveries.segment, delivery.segment - 1),
      ),
    )
  return before?.state === 'published'
}
