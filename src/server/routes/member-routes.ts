import { createRoute, z } from '@hono/zod-openapi'
import { acceptInvitation } from '../../commands/accept-invitation.ts'
import { changeMemberRole } from '../../commands/change-member-role.ts'
import { inviteMember } from '../../commands/invite-member.ts'
import { unlockLogin } from '../../commands/unlock-login.ts'
import { listMembers } from '../../store/queries/list-members.ts'
import {
  findPendingInvitation,
  listPendingInvitations,
} from '../../store/queries/pending-invitations.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import {
  InvitationSchema,
  MemberSchema,
  presentInvitation,
  presentMember,
  RoleSchema,
} from '../presenters/users.ts'

const InviteTokenParams = z.object({ token: z.string().min(10).max(200) })

export function registerMemberRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/members',
      tags: ['members'],
      summary: 'Members of a workspace with their roles',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(MemberSchema) }), 'Members'),
        ...problems,
      },
    }),
    async (c) => {
      const rows = await listMembers(db, membershipOf(c).workspaceId)
      return c.json({ items: rows.map(presentMember) }, 200)
    },
  )

  const MemberParams = WorkspaceParams.extend({ userId: z.uuid() })

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.manage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/members/{userId}',
      tags: ['members'],
      summary: "Change a member's role",
      request: { params: MemberParams, body: jsonBody(z.strictObject({ role: RoleSchema })) },
      responses: {
        200: jsonResponse(z.object({ userId: z.uuid(), role: RoleSchema }), 'Changed'),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      const newRole = c.req.valid('json').role
      const result = await changeMemberRole(db, {
        workspaceId,
        actorUserId: principalOf(c).userId,
        actorRole: role,
        userId: c.req.valid('param').userId,
        newRole,
        ip: clientIp(c),
      })
      return c.json({ userId: result.userId, role: newRole }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/members/{userId}/unlock-login',
      tags: ['members'],
      summary: 'Let a member locked out by failed logins try again now',
      request: { params: MemberParams },
      responses: {
        200: jsonResponse(z.object({ wasLocked: z.boolean() }), 'Unlocked (or was not locked)'),
        ...problems,
      },
    }),
    async (c) => {
      const wasLocked = await unlockLogin(db, {
        secret: ctx.secret,
        workspaceId: membershipOf(c).workspaceId,
        userId: c.req.valid('param').userId,
        actorUserId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json({ wasLocked }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.manage' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/members/{userId}',
      tags: ['members'],
      summary: 'Remove a member from the workspace',
      request: { params: MemberParams },
      responses: { 204: { description: 'Removed' }, ...problems },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      await changeMemberRole(db, {
        workspaceId,
        actorUserId: principalOf(c).userId,
        actorRole: role,
        userId: c.req.valid('param').userId,
        newRole: null,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/invitations',
      tags: ['members'],
      summary: 'Invite someone by link, with a role; the link is shown only in this response',
      request: {
        params: WorkspaceParams,
        body: jsonBody(z.strictObject({ email: z.string().max(320), role: RoleSchema })),
      },
      responses: {
        201: jsonResponse(
          InvitationSchema.extend({ url: z.url(), token: z.string() }),
          'Invitation',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      const body = c.req.valid('json')
      const { token, invitation } = await inviteMember(db, {
        workspaceId,
        actorUserId: principalOf(c).userId,
        actorRole: role,
        email: body.email,
        role: body.role,
        ip: clientIp(c),
      })
      // The web UI's invitation page (src/web/invitation/): what it is for, then a password.
      const url = `${ctx.config.publicUrl}/invite/${token}`
      return c.json({ ...presentInvitation(invitation), url, token }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'members.manage' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/invitations',
      tags: ['members'],
      summary: 'Pending invitations',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(InvitationSchema) }), 'Invitations'),
        ...problems,
      },
    }),
    async (c) => {
      const rows = await listPendingInvitations(db, membershipOf(c).workspaceId)
      return c.json({ items: rows.map(presentInvitation) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/api/v1/invitations/{token}',
      tags: ['members'],
      summary: 'What an invitation link is for (workspace, email, role)',
      request: { params: InviteTokenParams },
      responses: {
        200: jsonResponse(InvitationSchema.extend({ workspaceName: z.string() }), 'The invitation'),
        404: problems[404],
      },
    }),
    async (c) => {
      const row = await findPendingInvitation(db, c.req.valid('param').token)
      return c.json({ ...presentInvitation(row.invitation), workspaceName: row.workspaceName }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'post',
      path: '/api/v1/invitations/{token}/accept',
      tags: ['members'],
      summary: 'Accept an invitation: logged in as the invited email, or new with a password',
      request: {
        params: InviteTokenParams,
        body: jsonBody(
          z.strictObject({
            password: z.string().max(1024).optional(),
            name: z.string().max(200).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ workspaceId: z.uuid(), role: RoleSchema }), 'Joined'),
        ...problems,
        409: problems[403],
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const principal = c.var.principal
      const result = await acceptInvitation(db, {
        token: c.req.valid('param').token,
        userId: principal?.userId,
        newUser:
          !principal && body.password ? { password: body.password, name: body.name } : undefined,
        ip: clientIp(c),
      })
      return c.json({ workspaceId: result.workspaceId, role: result.role }, 200)
    },
  )
}
