import { refuseRoleChange } from '../core/access/membership-rules.ts'
import type { Role } from '../core/access/roles.ts'
import { ForbiddenError } from '../core/errors.ts'
import { createOpaqueToken } from '../security/opaque-token.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { invitations } from '../store/schema/index.ts'
import { normalizeEmail } from './setup-instance.ts'

export const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000

/** An invitation link for one email and role; the secret is in the link and only its hash is kept. */
export async function inviteMember(
  db: Db,
  input: {
    workspaceId: string
    actorUserId: string
    actorRole: Role
    email: string
    role: Role
    ip?: string
  },
) {
  const email = normalizeEmail(input.email)
  const refused = refuseRoleChange({
    actorRole: input.actorRole,
    currentRole: null,
    newRole: input.role,
    ownerCount: 1,
  })
  if (refused) throw new ForbiddenError(refused)
  const { token, hash } = createOpaqueToken('sous_inv')
  return db.transaction(async (tx) => {
    const [invitation] = await tx
      .insert(invitations)
      .values({
        workspaceId: input.workspaceId,
        email,
        role: input.role,
        tokenHash: hash,
        invitedBy: input.actorUserId,
        expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
      })
      .returning()
    if (!invitation) throw new Error('insert returned no row')
    await recordAudit(tx, {
      action: 'invitation.created',
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      targetType: 'invitation',
      targetId: invitation.id,
      data: { email, role: input.role },
      ip: input.ip,
    })
    return { token, invitation }
  })
}
