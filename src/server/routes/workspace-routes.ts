import { createRoute, z } from '@hono/zod-openapi'
import { createWorkspace } from '../../commands/create-workspace.ts'
import { renameWorkspace } from '../../commands/rename-workspace.ts'
import { NotFoundError } from '../../core/errors.ts'
import { findWorkspace } from '../../store/queries/find-workspace.ts'
import { listWorkspacesForUser } from '../../store/queries/list-workspaces-for-user.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { presentWorkspace, WorkspaceSchema } from '../presenters/users.ts'

export function registerWorkspaceRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces',
      tags: ['workspaces'],
      summary: 'Workspaces you belong to (an API token sees only its own)',
      responses: {
        200: jsonResponse(z.object({ items: z.array(WorkspaceSchema) }), 'Workspaces'),
        401: problems[401],
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const rows = await listWorkspacesForUser(db, principal.userId)
      const visible = rows.filter(
        (r) => !principal.tokenWorkspaceId || r.workspace.id === principal.tokenWorkspaceId,
      )
      return c.json({ items: visible.map((r) => presentWorkspace(r.workspace, r.role)) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'session' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces',
      tags: ['workspaces'],
      summary: 'Create a workspace; you become its owner',
      request: { body: jsonBody(z.strictObject({ name: z.string().min(1).max(200) })) },
      responses: {
        201: jsonResponse(WorkspaceSchema, 'Created'),
        401: problems[401],
        403: problems[403],
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const workspace = await createWorkspace(db, {
        userId: principal.userId,
        name: c.req.valid('json').name,
        ip: clientIp(c),
      })
      return c.json(presentWorkspace(workspace, 'owner'), 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}',
      tags: ['workspaces'],
      summary: 'One workspace',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(WorkspaceSchema, 'The workspace'), ...problems },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      const workspace = await findWorkspace(db, workspaceId)
      if (!workspace) throw new NotFoundError('That workspace')
      return c.json(presentWorkspace(workspace, role), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.update' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}',
      tags: ['workspaces'],
      summary: 'Rename a workspace',
      request: {
        params: WorkspaceParams,
        body: jsonBody(z.strictObject({ name: z.string().trim().min(1).max(200) })),
      },
      responses: { 200: jsonResponse(WorkspaceSchema, 'Renamed'), ...problems },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      const workspace = await renameWorkspace(db, {
        workspaceId,
        actorUserId: principalOf(c).userId,
        name: c.req.valid('json').name,
        ip: clientIp(c),
      })
      return c.json(presentWorkspace(workspace, role), 200)
    },
  )
}
