import { sql } from 'drizzle-orm'
import { ConflictError, InvalidInputError } from '../core/errors.ts'
import { hashPassword, MIN_PASSWORD_LENGTH } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { memberships, users, workspaces } from '../store/schema/index.ts'

export type SetupInput = { email: string; password: string; workspaceName: string; name?: string }

/** Creates the first person (the owner) and the first workspace. Refuses once anyone exists. */
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
      .values({ email, passwordHash, name: input.name?.trim() ?? '' })
      .returning()
    const [workspace] = await tx.insert(workspaces).values({ name: workspaceName }).returning()
    if (!user || !workspace) throw new Error('insert returned no row')
    await tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: user.id, role: 'owner' })
    await recordAudit(tx, {
      action: 'user.created',
      actorUserId: user.id,
      targetType: 'user',
      targetId: user.id,
    })
    await recordAudit(tx, {
      action: 'workspace.created',
      workspaceId: workspace.id,
      actorUserId: user.id,
      targetType: 'workspace',
      targetId: workspace.id,
      data: { name: workspace.name },
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
