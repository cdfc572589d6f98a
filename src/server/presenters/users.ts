import { z } from '@hono/zod-openapi'
import { ROLES } from '../../core/access/roles.ts'

export const RoleSchema = z.enum(ROLES).openapi('Role')

export const UserSchema = z
  .object({ id: z.uuid(), email: z.email(), name: z.string(), createdAt: z.iso.datetime() })
  .openapi('User')

export const WorkspaceSchema = z
  .object({ id: z.uuid(), name: z.string(), role: RoleSchema, createdAt: z.iso.datetime() })
  .openapi('Workspace')

export const MemberSchema = z
  .object({
    userId: z.uuid(),
    email: z.email(),
    name: z.string(),
    role: RoleSchema,
    since: z.iso.datetime(),
  })
  .openapi('Member')

export const ApiTokenSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    workspaceId: z.uuid(),
    prefix: z.string().openapi({ description: 'The first characters, to tell tokens apart' }),
    createdAt: z.iso.datetime(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
  })
  .openapi('ApiToken')

export const InvitationSchema = z
  .object({
    id: z.uuid(),
    workspaceId: z.uuid(),
    email: z.email(),
    role: RoleSchema,
    expiresAt: z.iso.datetime(),
    acceptedAt: z.iso.datetime().nullable(),
  })
  .openapi('Invitation')

type Dated = { createdAt: Date }

export function presentUser(user: { id: string; email: string; name: string } & Dated) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    createdAt: user.createdAt.toISOString(),
  }
}

export function presentMember(member: {
  userId: string
  email: string
  name: string
  role: z.infer<typeof RoleSchema>
  since: Date
}) {
  return { ...member, since: member.since.toISOString() }
}

export function presentWorkspace(
  workspace: { id: string; name: string } & Dated,
  role: z.infer<typeof RoleSchema>,
) {
  return {
    id: workspace.id,
    name: workspace.name,
    role,
    createdAt: workspace.createdAt.toISOString(),
  }
}

export function presentApiToken(token: {
  id: string
  name: string
  workspaceId: string
  prefix: string
  createdAt: Date
  lastUsedAt: Date | null
  revokedAt: Date | null
}) {
  return {
    id: token.id,
    name: token.name,
    workspaceId: token.workspaceId,
    prefix: token.prefix,
    createdAt: token.createdAt.toISOString(),
    lastUsedAt: token.lastUsedAt?.toISOString() ?? null,
    revokedAt: token.revokedAt?.toISOString() ?? null,
  }
}

export function presentInvitation(invitation: {
  id: string
  workspaceId: string
  email: string
  role: z.infer<typeof RoleSchema>
  expiresAt: Date
  acceptedAt: Date | null
}) {
  return {
    id: invitation.id,
    workspaceId: invitation.workspaceId,
    email: invitation.email,
    role: invitation.role,
    expiresAt: invitation.expiresAt.toISOString(),
    acceptedAt: invitation.acceptedAt?.toISOString() ?? null,
  }
}
