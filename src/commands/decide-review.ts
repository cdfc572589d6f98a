import { and, eq, inArray } from 'drizzle-orm'
import type { EngagedBrake } from '../core/brake/brake-applies.ts'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Database } from '../store/connect.ts'
import { engagedBrakeFor } from '../store/queries/engaged-brake-for.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, deliveries, posts } from '../store/schema/index.ts'
import { dueTimeFor, enqueueDelivery } from './write-deliveries.ts'

export type ReviewDecision =
  | { action: 'publish_now' }
  | { action: 'reschedule'; at: Date }
  | { action: 'reschedule_slot' }
  | { action: 'discard' }

/**
 * A person's decision on a delivery that waits for review (or is held): publish now, at
 * another time, or not at all. Deciding approves the post, since an editor looked at it.
 * "Publish now" under an engaged brake is refused (it could only wait again); a later time
 * is still subject to the brake at its claim. A disconnected account's delivery can only be
 * discarded until the account is reconnected.
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
      .select({ delivery: deliveries, account: accounts })
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
    const { delivery, account } = row
    const where = eq(deliveries.id, delivery.id)
    const decision = input.decision
    if (decision.action !== 'discard' && account.disconnectedAt) {
      throw new ConflictError(
        `${account.handle} is disconnected: reconnect it to send this, or discard it`,
      )
    }
    if (decision.action === 'publish_now') {
      const brake = await engagedBrakeFor(tx, {
        workspaceId: input.workspaceId,
        accountId: account.id,
      })
      if (brake) throw new ConflictError(brakeRefusal(brake, account.handle))
    }
    const at =
      decision.action === 'discard'
        ? null
        : decision.action === 'publish_now'
          ? now
          : decision.action === 'reschedule'
            ? decision.at
            : await dueTimeFor(tx, { mode: 'slot' }, account, now, delivery.postId)
    if (!at) {
      await tx
        .update(deliveries)
        .set({ state: 'failed', error: 'Discarded in review', updatedAt: now })
        .where(where)
    } else {
      await tx
        .update(deliveries)
        .set({ state: 'scheduled', dueAt: at, runAt: at, error: null, updatedAt: now })
        .where(where)
      await tx
        .update(posts)
        .set({ approval: 'approved', approvedBy: input.userId, approvedAt: now })
        .where(and(eq(posts.id, delivery.postId), eq(posts.approval, 'pending')))
      await enqueueDelivery(database, tx, delivery.id, at)
    }
    await recordAudit(tx, {
      action: `review.${input.decision.action}`,
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'delivery',
      targetId: delivery.id,
      data: at ? { at: at.toISOString() } : {},
      ip: input.ip,
    })
  })
}

function brakeRefusal(brake: EngagedBrake, handle: string): string {
  const which =
    brake.scope === 'instance'
      ? 'The brake on this whole instance'
      : brake.scope === 'workspace'
        ? 'The brake on this workspace'
        : `The brake on ${handle}`
  return `${which} is engaged ("${brake.reason}"): release it to publish now, or reschedule`
}
