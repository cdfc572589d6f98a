import { eq } from 'drizzle-orm'
import { ConflictError, ForbiddenError } from '../core/errors.ts'
import { hashPassword } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { findPendingInvitation } from '../store/queries/pending-invitations.ts'
import { recordAudit } from '../store/record-audit.ts'
import { invitations, memberships, users } from '../store/schema/index.ts'
import { assertPassword } from './setup-instance.ts'

export type AcceptInvitationInput = {
  token: string
  /** The logged-in person accepting; their email must be the invited one. */
  userId?: string
  /** For someone new: the account is created with the invited email. */
  newUser?: { password: string; name?: string }
  ip?: string
}

/** Joins the invited workspace with the invited role. An invitation works once, until it expires. */
export async function acceptInvitation(db: Db, input: AcceptInvitationInput) {
  if (input.newUser) assertPassword(input.newUser.password)
  const passwordHash = input.newUser ? await hashPassword(input.newUser.password) : undefined
  return db.transaction(async (tx) => {
    const { invitation } = await findPendingInvitation(tx, input.token, { forUpdate: true })

    const [existing] = await tx.select().from(users).where(eq(users.email, invitation.email))
    let userId: string
    if (input.userId) {
      if (!existing || existing.id !== input.userId) {
        throw new ForbiddenError(
          `This invitation is for ${invitation.email}; log in with that email`,
        )
      }
      userId = existing.id
    } else {
      if (existing)
        throw new ConflictError(`${invitation.email} already has an account: log in, then accept`)
      if (!passwordHash)
        throw new ForbiddenError('Log in, or choose a password to create your account')
      const [created] = await tx
        .insert(users)
        .values({ email: invitation.email, passwordHash, name: input.newUser?.name?.trim() ?? '' })
        .returning()
      if (!created) throw new Error('insert returned no row')
      userId = created.id
      await recordAudit(tx, {
        action: 'user.created',
        actorUserId: userId,
        targetType: 'user',
        targetId: userId,
        ip: input.ip,
      })
    }

    await tx
      .insert(memberships)
      .values({ workspaceId: invitation.workspaceId, userId, role: invitation.role })
      .onConflictDoNothing()
    await tx
      .update(invitations)
      .set({ acceptedAt: new Date(), acceptedBy: userId })
      .where(eq(invitations.id, invitation.id))
    await recordAudit(tx, {
      action: 'membership.created',
      workspaceId: invitation.workspaceId,
      actorUserId: userId,
      targetType: 'user',
      targetId: userId,
      data: { role: invitation.role, invitationId: invitation.id },
      ip: input.ip,
    })
    return { userId, workspaceId: invitation.workspaceId, role: invitation.role }
  })
}
