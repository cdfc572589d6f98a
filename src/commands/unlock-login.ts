import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import { loginEmailKey } from '../security/login-key.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { loginThrottle, memberships, users } from '../store/schema/index.ts'

/**
 * A workspace admin lets a locked-out member try again at once (failed-login lock on their
 * email; the per-IP lock stays, it protects everyone). Answers whether a lock was lifted.
 */
export async function unlockLogin(
  db: Db,
  input: { secret: Buffer; workspaceId: string; userId: string; actorUserId: string; ip?: string },
): Promise<boolean> {
  const [member] = await db
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(
      and(eq(memberships.workspaceId, input.workspaceId), eq(memberships.userId, input.userId)),
    )
  if (!member) throw new NotFoundError('That member')
  return db.transaction(async (tx) => {
    const lifted = await tx
      .delete(loginThrottle)
      .where(eq(loginThrottle.key, `email:${loginEmailKey(input.secret, member.email)}`))
      .returning({ lockedUntil: loginThrottle.lockedUntil })
    const wasLocked = lifted.some((row) => row.lockedUntil && row.lockedUntil > new Date())
    await recordAudit(tx, {
      action: 'login.unlocked',
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      targetType: 'user',
      targetId: input.userId,
      data: { wasLocked },
      ip: input.ip,
    })
    return wasLocked
  })
}
