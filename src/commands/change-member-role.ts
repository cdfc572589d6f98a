import { and, eq } from 'drizzle-orm'
import { refuseRoleChange } from '../core/access/membership-rules.ts'
import type { Role } from '../core/access/roles.ts'
import { ForbiddenError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { memberships } from '../store/schema/index.ts'

/** Gives a member a new role, or removes them when `newRole` is null. */
export async function changeMemberRole(
  db: Db,
  input: {
    workspaceId: string
    actorUserId: string
    actorRole: Role
    userId: string
    newRole: Role | null
    ip?: string
  },
) {
  return db.transaction(async (tx) => {
    // Locks the workspace's memberships so two demotions cannot both pass the last-owner check.
    const members = await tx
      .select()
      .from(memberships)
      .where(eq(memberships.workspaceId, input.workspaceId))
      .for('update')
    const target = members.find((m) => m.userId === input.userId)
    if (!target) throw new NotFoundError('That member')
    const ownerCount = members.filter((m) => m.role === 'owner').length
    const refused = refuseRoleChange({
      actorRole: input.actorRole,
      currentRole: target.role,
      newRole: input.newRole,
      ownerCount,
    })
    if (refused) throw new ForbiddenError(refused)
    const where = and(
      eq(memberships.workspaceId, input.workspaceId),
      eq(memberships.userId, input.userId),
    )
    if (input.newRole) await tx.update(memberships).set({ role: input.newRole }).where(where)
    else await tx.delete(memberships).where(where)
    await recordAudit(tx, {
      action: input.newRole ? 'membership.role_changed' : 'membership.removed',
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      targetType: 'user',
      targetId: input.userId,
      data: { from: target.role, to: input.newRole },
      ip: input.ip,
    })
    return { userId: input.userId, role: input.newRole }
  })
}
