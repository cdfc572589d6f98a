import { and, eq } from 'drizzle-orm'
import {
  type AttemptOutcome,
  type Decision,
  decideAfterAttempt,
} from '../core/delivery/delivery-state.ts'
import { deliverJobKey, deliverSpec } from '../jobs/deliver-spec.ts'
import { enqueueMany } from '../jobs/enqueue.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { deliveries } from '../store/schema/index.ts'
import type { Claimed } from './claim-delivery.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'

/**
 * Stores what an attempt decided, in one transaction with its consequences: the audit entry
 * of a publish (naming the person or approval behind it), the next thread segment, the
 * retry's run, or the account's "needs attention".
 */
export async function recordDeliveryOutcome(
  database: Database,
  claimed: Claimed,
  outcome: AttemptOutcome,
  now = new Date(),
): Promise<Decision> {
  const { delivery, account, post } = claimed
  const decision = decideAfterAttempt(
    {
      state: delivery.state,
      dueAt: delivery.dueAt.getTime(),
      attempts: delivery.attempts,
      reconcile: delivery.reconcile,
    },
    outcome,
    now.getTime(),
  )
  await database.db.transaction(async (tx) => {
    const base = { state: decision.state, updatedAt: now }
    const where = and(eq(deliveries.id, delivery.id), eq(deliveries.state, 'claimed'))
    if (decision.state === 'published') {
      const recorded = await tx
        .update(deliveries)
        .set({
          ...base,
          uri: decision.uri,
          url: decision.url,
          error: null,
          reconcile: false,
          publishedAt: now,
        })
        .where(where)
        .returning({ id: deliveries.id })
      // Another run of the same delivery (a worker that lost its lease) recorded it first:
      // its audit entry and its next segment are already there.
      if (recorded.length === 0) return
      await recordAudit(tx, {
        action: 'post.published',
        workspaceId: account.workspaceId,
        actorUserId: post.approvedBy ?? post.createdBy,
        actorLabel: `schedule:${post.id}`,
        targetType: 'delivery',
        targetId: delivery.id,
        data: {
          accountId: account.id,
          uri: decision.uri,
          url: decision.url,
          segment: delivery.segment,
        },
      })
      const [next] = await tx
        .select({ id: deliveries.id })
        .from(deliveries)
        .where(
          and(
            eq(deliveries.variantId, delivery.variantId),
            eq(deliveries.segment, delivery.segment + 1),
          ),
        )
      if (next) {
        // The thread goes on right away: its later segments are due when the one before is out.
        await tx
          .update(deliveries)
          .set({ runAt: now, dueAt: now })
          .where(eq(deliveries.id, next.id))
        await enqueueMany(
          database,
          deliverSpec,
          [
            {
              payload: { deliveryId: next.id },
              runAt: now,
              uniqueKey: deliverJobKey(next.id, now),
            },
          ],
          { executor: tx },
        )
      }
      return
    }
    const attempts =
      'failure' in outcome && outcome.failure.kind !== 'rate_limited'
        ? delivery.attempts + 1
        : delivery.attempts
    if (decision.state === 'retry_wait') {
      const runAt = new Date(decision.runAt)
      const recorded = await tx
        .update(deliveries)
        .set({ ...base, runAt, attempts, error: decision.error, reconcile: decision.reconcile })
        .where(where)
        .returning({ id: deliveries.id })
      if (recorded.length === 0) return
      await enqueueMany(
        database,
        deliverSpec,
        [
          {
            payload: { deliveryId: delivery.id },
            runAt,
            uniqueKey: deliverJobKey(delivery.id, runAt),
          },
        ],
        { executor: tx },
      )
      return
    }
    const error = 'error' in decision ? decision.error : null
    const recorded = await tx
      .update(deliveries)
      .set({ ...base, attempts, error })
      .where(where)
      .returning({ id: deliveries.id })
    if (recorded.length > 0 && decision.state === 'held') {
      await markAccountNeedsAttention(tx, {
        accountId: account.id,
        reason: error ?? 'credentials refused',
      })
    }
  })
  return decision
}
