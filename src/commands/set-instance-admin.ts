import { eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { users } from '../store/schema/index.ts'

/**
 * An instance administrator names another (by email) or steps someone down. The instance
 * always keeps one: the last cannot be removed, so the instance brake always has a keeper.
 */
export async function setInstanceAdmin(
  db: Db,
  input: { actorUserId: string; email?: string; userId?: string; admin: boolean; ip?: string },
) {
  return db.transaction(async (tx) => {
    const [target] = await tx
      .select()
      .from(users)
      .where(
        input.email !== undefined
          ? eq(users.email, input.email.trim().toLowerCase())
          : eq(users.id, input.userId ?? ''),
      )
      .for('update')
    if (!target) throw new NotFoundError('That person')
    if (!input.admin && target.instanceAdmin) {
      // Locks every administrator row, so two removals cannot each leave the other as the last.
      const admins = await tx
        .select({ id: users.id })
        .from(users)
        .where(eq(users.instanceAdmin, true))
        .for('update')
      if (admins.length <= 1)
        throw new ConflictError('The instance needs at least one administrator; name another first')
    }
    if (target.instanceAdmin === input.admin) return target
    const [updated] = await tx
      .update(users)
      .set({ instanceAdmin: input.admin })
      .where(eq(users.id, target.id))
      .returning()
    await recordAudit(tx, {
      action: input.admin ? 'instance.admin.granted' : 'instance.admin.revoked',
      actorUserId: input.actorUserId,
      targetType: 'user',
      targetId: target.id,
      data: { email: target.email },
      ip: input.ip,
    })
    return updated ?? target
  })
}
