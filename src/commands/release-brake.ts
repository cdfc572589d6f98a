import { and, eq, isNull } from 'drizzle-orm'
import { refuseBrake } from '../core/brake/brake-rules.ts'
import { ForbiddenError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { brakeStanding } from '../store/queries/brake-standing.ts'
import { recordAudit } from '../store/record-audit.ts'
import { brakes } from '../store/schema/index.ts'
import type { BrakeCaller } from './pull-brake.ts'

/**
 * A person releases a brake. Nothing is sent in a burst: deliveries whose time passed while
 * it was engaged are in "needs review", where a person decides each one.
 */
export async function releaseBrake(db: Db, caller: BrakeCaller, brakeId: string) {
  const [engaged] = await db
    .select()
    .from(brakes)
    .where(and(eq(brakes.id, brakeId), isNull(brakes.releasedAt)))
  if (!engaged) throw new NotFoundError('That engaged brake')
  if (caller.tokenWorkspaceId && caller.tokenWorkspaceId !== engaged.workspaceId)
    throw new ForbiddenError('This API token works in its own workspace only')
  const refused = refuseBrake(
    'release',
    engaged.scope,
    await brakeStanding(db, caller, engaged.workspaceId),
  )
  if (refused) throw new ForbiddenError(refused)
  return db.transaction(async (tx) => {
    const [brake] = await tx
      .update(brakes)
      .set({ releasedAt: new Date(), releasedBy: caller.userId })
      .where(and(eq(brakes.id, brakeId), isNull(brakes.releasedAt)))
      .returning()
    if (!brake) throw new NotFoundError('That engaged brake')
    await recordAudit(tx, {
      action: 'brake.released',
      workspaceId: brake.workspaceId,
      actorUserId: caller.userId,
      targetType: 'brake',
      targetId: brake.id,
      data: { scope: brake.scope, accountId: brake.accountId, reason: brake.reason },
      ip: caller.ip,
    })
    return brake
  })
}
