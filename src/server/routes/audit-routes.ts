import { createRoute } from '@hono/zod-openapi'
import { listAuditEntries } from '../../store/queries/list-audit-entries.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { AuditPageSchema, AuditQuerySchema, presentAuditPage } from '../presenters/audit.ts'

export function registerAuditRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'audit.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/audit',
      tags: ['audit'],
      summary:
        "What happened in the workspace, newest first; page with `before` = the previous page's `next`",
      request: { params: WorkspaceParams, query: AuditQuerySchema },
      responses: { 200: jsonResponse(AuditPageSchema, 'Audit entries'), ...problems },
    }),
    async (c) => {
      const { before, limit } = c.req.valid('query')
      const rows = await listAuditEntries(ctx.database.db, {
        workspaceId: membershipOf(c).workspaceId,
        before,
        limit,
      })
      return c.json(presentAuditPage(rows, limit), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'instance-admin' },
    createRoute({
      method: 'get',
      path: '/api/v1/instance/audit',
      tags: ['audit', 'instance'],
      summary:
        "The instance's own events (logins, the instance-wide brake, instance administrators), newest first; instance administrators only",
      request: { query: AuditQuerySchema },
      responses: { 200: jsonResponse(AuditPageSchema, 'Audit entries'), ...problems },
    }),
    async (c) => {
      const { before, limit } = c.req.valid('query')
      const rows = await listAuditEntries(ctx.database.db, { workspaceId: null, before, limit })
      return c.json(presentAuditPage(rows, limit), 200)
    },
  )
}
