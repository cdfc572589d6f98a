import type { BrakeScope } from '../core/brake/brake-applies.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { brakes } from '../store/schema/index.ts'

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
    return brake
  })
}
