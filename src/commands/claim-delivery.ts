import { and, eq } from 'drizzle-orm'
import { decideAtClaim } from '../core/delivery/delivery-state.ts'
import type { Db } from '../store/connect.ts'
import { engagedBrakeFor } from '../store/queries/engaged-brake-for.ts'
import { accounts, deliveries, posts } from '../store/schema/index.ts'

export type Claimed = {
  delivery: typeof deliveries.$inferSelect
  account: typeof accounts.$inferSelect
  post: typeof posts.$inferSelect
}

/**
 * Claims a due delivery in one transaction that also reads the engaged brakes: once a
 * brake's transaction has committed, no claim after it can miss it, so nothing covered is
 * published after the brake. A delivery left `claimed` by a crashed worker is claimed again
 * with `reconcile`, so the next attempt first asks the network whether it went out.
 */
export async function claimDelivery(
  db: Db,
  deliveryId: string,
  now = new Date(),
): Promise<Claimed | null> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ delivery: deliveries, account: accounts, post: posts })
      .from(deliveries)
      .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
      .innerJoin(posts, eq(posts.id, deliveries.postId))
      .where(eq(deliveries.id, deliveryId))
      .for('update', { of: deliveries })
    if (!row) return null
    const { delivery, account, post } = row
    const crashed = delivery.state === 'claimed'
    if (!crashed && delivery.state !== 'scheduled' && delivery.state !== 'retry_wait') return null
    if (delivery.runAt.getTime() > now.getTime() + 1_000 && !crashed) return null

    const brake = await engagedBrakeFor(tx, {
      workspaceId: account.workspaceId,
      accountId: account.id,
    })
    const decision = decideAtClaim(
      {
        state: delivery.state,
        dueAt: delivery.dueAt.getTime(),
        attempts: delivery.attempts,
        reconcile: delivery.reconcile,
      },
      { now: now.getTime(), braked: brake?.reason ?? null, approved: post.approval !== 'pending' },
    )
    const where = and(eq(deliveries.id, delivery.id))
    if (decision.state === 'needs_review') {
      await tx
        .update(deliveries)
        .set({ state: 'needs_review', error: decision.error, updatedAt: now })
        .where(where)
      return null
    }
    if (account.state !== 'ok' || account.disconnectedAt) {
      const error = `Held until ${account.handle} is reconnected: ${account.stateReason ?? 'disconnected'}`
      await tx.update(deliveries).set({ state: 'held', error, updatedAt: now }).where(where)
      return null
    }
    const [claimed] = await tx
      .update(deliveries)
      .set({ state: 'claimed', reconcile: delivery.reconcile || crashed, updatedAt: now })
      .where(where)
      .returning()
    return claimed ? { delivery: claimed, account, post } : null
  })
}
