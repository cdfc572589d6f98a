import { eq, sql } from 'drizzle-orm'
import { brakeFor, type EngagedBrake } from '../core/brake/brake-applies.ts'
import { decideAtClaim } from '../core/delivery/delivery-state.ts'
import type { Db } from '../store/connect.ts'
import { accounts, deliveries, posts, variants } from '../store/schema/index.ts'

export type Claimed = {
  delivery: typeof deliveries.$inferSelect
  account: typeof accounts.$inferSelect
  post: typeof posts.$inferSelect
  variant: typeof variants.$inferSelect
}

/** Claims one due delivery; see claimDeliveries. */
export async function claimDelivery(
  db: Db,
  deliveryId: string,
  now = new Date(),
): Promise<Claimed | null> {
  const [claimed] = await claimDeliveries(db, [deliveryId], now)
  return claimed ?? null
}

type Change = { id: string; state: string; error: string | null; reconcile: boolean }

/**
 * Claims due deliveries in one transaction that also reads the engaged brakes: once a brake's
 * transaction has committed, no claim after it can miss it, so nothing covered is published
 * after the brake. A delivery left `claimed` by a crashed worker is claimed again with
 * `reconcile`, so the next attempt first asks the network whether it went out. Answers by
 * position, null where nothing is to be sent; an id given twice is claimed once.
 * Four statements for the whole batch instead of five per delivery (bench/delivery-lag.ts).
 */
export async function claimDeliveries(
  db: Db,
  ids: string[],
  now = new Date(),
): Promise<Array<Claimed | null>> {
  const claimed = await db.transaction(async (tx) => {
    // Locked in id order, so two batches sharing deliveries wait for each other, never deadlock.
    // The engaged brakes come with the rows: the statement's snapshot is taken as it starts,
    // after any brake committed before the claim.
    const rows = await tx
      .select({
        delivery: deliveries,
        account: accounts,
        post: posts,
        variant: variants,
        brakes: sql<EngagedBrake[]>`(
          select coalesce(json_agg(json_build_object('id', b.id, 'scope', b.scope,
            'workspaceId', b.workspace_id, 'accountId', b.account_id, 'reason', b.reason)), '[]')
          from brakes b where b.released_at is null)`,
      })
      .from(deliveries)
      .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
      .innerJoin(posts, eq(posts.id, deliveries.postId))
      .innerJoin(variants, eq(variants.id, deliveries.variantId))
      .where(sql`${deliveries.id} = any(${sql.param([...new Set(ids)])}::uuid[])`)
      .orderBy(deliveries.id)
      .for('update', { of: deliveries })
    const engaged = rows[0]?.brakes ?? []
    const claimable = rows.filter(({ delivery }) => {
      const crashed = delivery.state === 'claimed'
      if (!crashed && delivery.state !== 'scheduled' && delivery.state !== 'retry_wait')
        return false
      return crashed || delivery.runAt.getTime() <= now.getTime() + 1_000
    })
    if (claimable.length === 0) return new Map<string, Claimed>()
    const changes: Change[] = []
    const out = new Map<string, Claimed>()
    for (const row of claimable) {
      const { delivery, account, post, variant } = row
      const brake = brakeFor(engaged, { workspaceId: account.workspaceId, accountId: account.id })
      const decision = decideAtClaim(
        {
          state: delivery.state,
          dueAt: delivery.dueAt.getTime(),
          attempts: delivery.attempts,
          reconcile: delivery.reconcile,
        },
        {
          now: now.getTime(),
          braked: brake?.reason ?? null,
          approved: post.approval !== 'pending',
        },
      )
      const unchanged = { id: delivery.id, reconcile: delivery.reconcile }
      if (decision.state === 'needs_review') {
        changes.push({ ...unchanged, state: 'needs_review', error: decision.error })
      } else if (account.state !== 'ok' || account.disconnectedAt) {
        const error = `Held until ${account.handle} is reconnected: ${account.stateReason ?? 'disconnected'}`
        changes.push({ ...unchanged, state: 'held', error })
      } else {
        const reconcile = delivery.reconcile || delivery.state === 'claimed'
        changes.push({ id: delivery.id, state: 'claimed', error: delivery.error, reconcile })
        const updated = { ...delivery, state: 'claimed' as const, reconcile, updatedAt: now }
        out.set(delivery.id, { delivery: updated, account, post, variant })
      }
    }
    await tx.execute(sql`
      update deliveries d set state = c.state, error = c.error, reconcile = c.reconcile,
        updated_at = ${now}
      from unnest(${sql.param(changes.map((c) => c.id))}::uuid[],
        ${sql.param(changes.map((c) => c.state))}::text[],
        ${sql.param(changes.map((c) => c.error))}::text[],
        ${sql.param(changes.map((c) => c.reconcile))}::boolean[]) as c(id, state, error, reconcile)
      where d.id = c.id`)
    return out
  })
  const seen = new Set<string>()
  return ids.map((id) => {
    if (seen.has(id)) return null
    seen.add(id)
    return claimed.get(id) ?? null
  })
}
