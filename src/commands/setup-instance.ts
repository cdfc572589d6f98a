import { sql } from 'drizzle-orm'
import { ConflictError, InvalidInputError } from '../core/errors.ts'
import { hashPassword, MIN_PASSWORD_LENGTH } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { users } from '../store/schema/index.ts'
import { createWorkspace } from './create-workspace.ts'

export type SetupInput = {
  email: string
  password: string
  workspaceName: string
  name?: string
  ip?: string
}

/**
 * Creates the first person — the owner of the first workspace and the instance
 * administrator — and that workspace. Refuses once anyone exists.
 */
export async function setupInstance(db: Db, input: SetupInput) {
  const email = normalizeEmail(input.email)
  assertPassword(input.password)
  const workspaceName = input.workspaceName.trim()
  if (!workspaceName)
    throw new InvalidInputError('A workspace needs a name', { workspace: 'empty' })
  const passwordHash = await hashPassword(input.password)
  return db.transaction(async (tx) => {
    // Serialises concurrent setups; the user count check below then sees the winner.
    await tx.execute(sql`lock table ${users} in exclusive mode`)
    const [existing] = await tx.select({ id: users.id }).from(users).limit(1)
    if (existing)
      throw new ConflictError('Sous is already set up: log in and invite people instead')
    const [user] = await tx
      .insert(users)
      .values({ email, passwordHash, name: input.name?.trim() ?? '', instanceAdmin: true })
      .returning()
    if (!user) throw new Error('insert returned no row')
    await recordAudit(tx, {
      action: 'user.created',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
      data: { instanceAdmin: true },
      ip: input.ip,
    })
    const workspace = await createWorkspace(tx, {
      userId: user.id,
      name: workspaceName,
      ip: input.ip,
    })
    return { user, workspace }
  })
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function normalizeEmail(email: string): string {
  const normalized = email.trim().toLowerCase()
  if (!EMAIL.test(normalized))
    throw new InvalidInputError('That is not an email address', { email: 'invalid' })
  return normalized
}

export function assertPassword(password: string): void {
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw new InvalidInputError(`A password needs at least ${MIN_PASSWORD_LENGTH} characters`, {
      password: `shorter than ${MIN_PASSWORD_LENGTH} characters`,
    })
  }
}
