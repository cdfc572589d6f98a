import { and, eq, ne } from 'drizzle-orm'
import { ForbiddenError, InvalidInputError, UnauthenticatedError } from '../core/errors.ts'
import { hashPassword, verifyPassword } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { sessions, users } from '../store/schema/index.ts'
import { assertPassword } from './setup-instance.ts'

/**
 * A person changes their own name or password. A new password needs the current one, and
 * ends every other session of theirs (a stolen session must not outlive the change).
 */
export async function changeOwnProfile(
  db: Db,
  input: {
    userId: string
    sessionId?: string
    name?: string
    password?: string
    currentPassword?: string
    ip?: string
  },
) {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId))
  if (!user) throw new UnauthenticatedError()
  const name = input.name?.trim()
  if (input.name !== undefined && !name)
    throw new InvalidInputError('A name cannot be empty', { name: 'empty' })
  let passwordHash: string | undefined
  if (input.password !== undefined) {
    if (input.currentPassword === undefined)
      throw new InvalidInputError('Give your current password to set a new one', {
        currentPassword: 'required to change the password',
      })
    if (!(await verifyPassword(user.passwordHash, input.currentPassword)))
      throw new ForbiddenError('The current password is not right')
    assertPassword(input.password)
    passwordHash = await hashPassword(input.password)
  }
  return db.transaction(async (tx) => {
    const changes = { ...(name ? { name } : {}), ...(passwordHash ? { passwordHash } : {}) }
    if (Object.keys(changes).length === 0) return user
    const [updated] = await tx.update(users).set(changes).where(eq(users.id, user.id)).returning()
    if (passwordHash) {
      await tx
        .delete(sessions)
        .where(
          and(
            eq(sessions.userId, user.id),
            input.sessionId ? ne(sessions.id, input.sessionId) : undefined,
          ),
        )
      await recordAudit(tx, { action: 'password.changed', actorUserId: user.id, ip: input.ip })
    }
    if (name && name !== user.name)
      await recordAudit(tx, {
        action: 'user.renamed',
        actorUserId: user.id,
        data: { from: user.name, to: name },
        ip: input.ip,
      })
    return updated ?? user
  })
}
