import { and, eq, isNull } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { brakes } from '../store/schema/index.ts'

/**
 * Releases a brake. Nothing is sent in a burst: deliveries whose time passed while it was
 * engaged are in "needs review", where a person decides each one.
 */
export async function releaseBrake(
  db: Db,
  input: { brakeId: string; userId: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const [brake] = await tx
      .update(brakes)
      .set({ releasedAt: new Date(), releasedBy: input.userId })
      .where(and(eq(brakes.id, input.brakeId), isNull(brakes.releasedAt)))
      .returning()
    if (!brake) throw new NotFoundError('That engaged brake')
    await recordAudit(tx, {
      action: 'brake.released',
      workspaceId: brake.workspaceId,
      actorUserId: input.userId,
      targetType: 'brake',
      targetId: brake.id,
      data: { scope: brake.scope, accountId: brake.accountId, reason: brake.reason },
      ip: input.ip,
    })
    return brake
  })
}
