import { and, eq, inArray } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import { deliverJobKey, deliverSpec } from '../jobs/deliver-spec.ts'
import { enqueueMany } from '../jobs/enqueue.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, deliveries, posts } from '../store/schema/index.ts'

export type ReviewDecision =
  | { action: 'publish_now' }
  | { action: 'reschedule'; at: Date }
  | { action: 'discard' }

/**
 * A person's decision on a delivery that waits for review (or is held): publish now, at
 * another time, or not at all. Deciding approves the post, since an editor looked at it.
 * Still subject to the brake: a delivery released into a braked account waits again.
 */
export async function decideReview(
  database: Database,
  input: {
    workspaceId: string
    deliveryId: string
    userId: string
    decision: ReviewDecision
    ip?: string
    now?: Date
  },
) {
  const now = input.now ?? new Date()
  return database.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: deliveries })
      .from(deliveries)
      .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
      .where(
        and(
          eq(deliveries.id, input.deliveryId),
          eq(accounts.workspaceId, input.workspaceId),
          inArray(deliveries.state, ['needs_review', 'held']),
        ),
      )
      .for('update', { of: deliveries })
    if (!row) throw new NotFoundError('A delivery waiting for review with that id')
    const { delivery } = row
    const where = eq(deliveries.id, delivery.id)
    if (input.decision.action === 'discard') {
      await tx
        .update(deliveries)
        .set({ state: 'failed', error: 'Discarded in review', updatedAt: now })
        .where(where)
    } else {
      const at = input.decision.action === 'publish_now' ? now : input.decision.at
      await tx
        .update(deliveries)
        .set({ state: 'scheduled', dueAt: at, runAt: at, error: null, updatedAt: now })
        .where(where)
      await tx
        .update(posts)
        .set({ approval: 'approved', approvedBy: input.userId, approvedAt: now })
        .where(and(eq(posts.id, delivery.postId), eq(posts.approval, 'pending')))
      await enqueueMany(
        database,
        deliverSpec,
        [
          {
            payload: { deliveryId: delivery.id },
            runAt: at,
            uniqueKey: deliverJobKey(delivery.id, at),
          },
        ],
        {
          executor: tx,
        },
      )
    }
    await recordAudit(tx, {
      action: `review.${input.decision.action}`,
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'delivery',
      targetId: delivery.id,
      data: input.decision.action === 'reschedule' ? { at: input.decision.at.toISOString() } : {},
      ip: input.ip,
    })
  })
}
