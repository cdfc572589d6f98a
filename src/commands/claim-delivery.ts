import { eq, getTableColumns, sql } from 'drizzle-orm'
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
 * Claims due deliveries in one statement that also reads the engaged brakes: once a brake's
 * transaction has committed, no claim after it can miss it, so nothing covered is published
 * after the brake. A delivery left `claimed` by a crashed worker is claimed again with
 * `reconcile`, so the next attempt first asks the network whether it went out. Answers by
 * position, null where nothing is to be sent; an id given twice is claimed once.
 *
 * The statement locks the rows (in id order, so two batches sharing deliveries wait for each
 * other, never deadlock), marks every claimable one `claimed` and returns them as they were;
 * the rare one the decision keeps back (a brake, no approval, too late, an account to
 * reconnect) gets its state in a second statement. Until then it is `claimed`, which sends
 * nothing: a crash there leaves it to be claimed again and decided again. One round trip for
 * the whole batch where a transaction of four ran (bench/delivery-lag.ts).
 */
export async function claimDeliveries(
  db: Db,
  ids: string[],
  now = new Date(),
): Promise<Array<Claimed | null>> {
  const dueBy = new Date(now.getTime() + 1_000)
  const locked = db.$with('locked').as(
    db
      .select()
      .from(deliveries)
      .where(sql`${deliveries.id} = any(${sql.param([...new Set(ids)])}::uuid[])`)
      .orderBy(deliveries.id)
      .for('update'),
  )
  // The statement's snapshot is taken as it starts, after any brake committed before the claim.
  const marked = db.$with('marked', { id: sql<string>`id` }).as(sql`
    update deliveries d set state = 'claimed', reconcile = l.reconcile or l.state = 'claimed',
      updated_at = ${now}
    from ${locked} l
    where d.id = l.id and (l.state = 'claimed'
      or (l.state in ('scheduled', 'retry_wait') and l.run_at <= ${dueBy}))
    returning d.id`)
  const lockedDelivery = Object.fromEntries(
    Object.keys(getTableColumns(deliveries)).map((key) => [
      key,
      locked[key as keyof typeof locked],
    ]),
  ) as unknown as typeof deliveries._.columns
  const rows = await db
    .with(locked, marked)
    .select({
      delivery: lockedDelivery,
      account: accounts,
      post: posts,
      variant: variants,
      brakes: sql<EngagedBrake[]>`(
        select coalesce(json_agg(json_build_object('id', b.id, 'scope', b.scope,
          'workspaceId', b.workspace_id, 'accountId', b.account_id, 'reason', b.reason)), '[]')
        from brakes b where b.released_at is null)`,
    })
    .from(locked)
    .innerJoin(accounts, eq(accounts.id, locked.accountId))
    .innerJoin(posts, eq(posts.id, locked.postId))
    .innerJoin(variants, eq(variants.id, locked.variantId))
  const engaged = rows[0]?.brakes ?? []
  const keptBack: Change[] = []
  const claimed = new Map<string, Claimed>()
  for (const { delivery, account, post, variant } of rows) {
    const crashed = delivery.state === 'claimed'
    if (!crashed && delivery.state !== 'scheduled' && delivery.state !== 'retry_wait') continue
    if (!crashed && delivery.runAt.getTime() > dueBy.getTime()) continue
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
      keptBack.push({ ...unchanged, state: 'needs_review', error: decision.error })
    } else if (account.state !== 'ok' || account.disconnectedAt) {
      const error = `Held until ${account.handle} is reconnected: ${account.stateReason ?? 'disconnected'}`
      keptBack.push({ ...unchanged, state: 'held', error })
    } else {
      const reconcile = delivery.reconcile || crashed
      const updated = { ...delivery, state: 'claimed' as const, reconcile, updatedAt: now }
      claimed.set(delivery.id, { delivery: updated, account, post, variant })
    }
  }
  if (keptBack.length > 0) {
    await db.execute(sql`
      update deliveries d set state = c.state, error = c.error, reconcile = c.reconcile,
        updated_at = ${now}
      from unnest(${sql.param(keptBack.map((c) => c.id))}::uuid[],
        ${sql.param(keptBack.map((c) => c.state))}::text[],
        ${sql.param(keptBack.map((c) => c.error))}::text[],
        ${sql.param(keptBack.map((c) => c.reconcile))}::boolean[]) as c(id, state, error, reconcile)
      where d.id = c.id and d.state = 'claimed'`)
  }
  const seen = new Set<string>()
  return ids.map((id) => {
    if (seen.has(id)) return null
    seen.add(id)
    return claimed.get(id) ?? null
  })
}
