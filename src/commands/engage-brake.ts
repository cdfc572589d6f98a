import { eq } from 'drizzle-orm'
import { type BrakeScope, brakeFor } from '../core/brake/brake-applies.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, brakes, deliveries } from '../store/schema/index.ts'

/**
 * Engages a brake. Deliveries check engaged brakes inside their claim transaction, so once
 * this transaction commits nothing covered by it is published; what comes due meanwhile
 * waits in "needs review".
 */
export async function engageBrake(
  db: Db,
  input: {
    scope: BrakeScope
    workspaceId: string | null
    accountId: string | null
    reason: string
    userId: string | null
    actorLabel?: string
    ip?: string
  },
) {
  return db.transaction(async (tx) => {
    const [brake] = await tx
      .insert(brakes)
      .values({
        scope: input.scope,
        workspaceId: input.workspaceId,
        accountId: input.accountId,
        reason: input.reason,
        engagedBy: input.userId,
        engagedByLabel: input.actorLabel ?? null,
      })
      .returning()
    if (!brake) throw new Error('insert returned no row')
    // Deliveries already claimed when this commits: each checks the brake once more right
    // before sending, so only one within that last query's round trip can still go.
    const claimed = await tx
      .select({ workspaceId: accounts.workspaceId, accountId: accounts.id })
      .from(deliveries)
      .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
      .where(eq(deliveries.state, 'claimed'))
    const inFlight = claimed.filter((target) => brakeFor([brake], target)).length
    await recordAudit(tx, {
      action: 'brake.engaged',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      actorLabel: input.actorLabel ?? null,
      targetType: 'brake',
      targetId: brake.id,
      data: { scope: input.scope, accountId: input.accountId, reason: input.reason },
      ip: input.ip,
    })
    return { ...brake, inFlight }
  })
}
