import { createRoute, z } from '@hono/zod-openapi'
import { changeOwnProfile } from '../../commands/change-own-profile.ts'
import { UnauthenticatedError } from '../../core/errors.ts'
import { findUserWithWorkspaces } from '../../store/queries/find-user-with-workspaces.ts'
import type { AppContext } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { presentUser, presentWorkspace, UserSchema, WorkspaceSchema } from '../presenters/users.ts'

export function registerMeRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'get',
      path: '/api/v1/me',
      tags: ['people'],
      summary: 'The person calling, with their workspaces and roles (through a token: its one)',
      responses: {
        200: jsonResponse(
          z.object({
            user: UserSchema,
            workspaces: z.array(WorkspaceSchema),
            via: z.enum(['session', 'token']),
            instanceAdmin: z.boolean(),
          }),
          'You',
        ),
        401: problems[401],
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const found = await findUserWithWorkspaces(db, principal.userId)
      if (!found) throw new UnauthenticatedError()
      const { user, workspaces: rows } = found
      const visible = rows.filter(
        (r) => !principal.tokenWorkspaceId || r.workspace.id === principal.tokenWorkspaceId,
      )
      return c.json(
        {
          user: presentUser(user),
          workspaces: visible.map((r) => presentWorkspace(r.workspace, r.role)),
          via: principal.via,
          instanceAdmin: principal.instanceAdmin,
        },
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'session' },
    createRoute({
      method: 'patch',
      path: '/api/v1/me',
      tags: ['people'],
      summary:
        'Change your name or password (with the current one); a new password ends your other sessions',
      request: {
        body: jsonBody(
          z.strictObject({
            name: z.string().max(200).optional(),
            password: z.string().max(1024).optional(),
            currentPassword: z.string().max(1024).optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(UserSchema, 'Changed'),
        ...problems,
        422: { ...problems[400], description: 'Unusable name or password' },
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const user = await changeOwnProfile(db, {
        ...c.req.valid('json'),
        userId: principal.userId,
        sessionId: principal.sessionId,
        ip: clientIp(c),
      })
      return c.json(presentUser(user), 200)
    },
  )
}
