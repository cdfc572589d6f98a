import { createRoute, z } from '@hono/zod-openapi'
import { listAuditEntries } from '../../store/queries/list-audit-entries.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const AuditEntrySchema = z
  .object({
    id: z.number().int(),
    action: z.string(),
    actorUserId: z.uuid().nullable(),
    actorEmail: z.string().nullable(),
    actorLabel: z.string().nullable(),
    targetType: z.string().nullable(),
    targetId: z.string().nullable(),
    data: z.record(z.string(), z.unknown()),
    ip: z.string().nullable(),
    createdAt: z.iso.datetime(),
  })
  .openapi('AuditEntry')

export function registerAuditRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'audit.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/audit',
      tags: ['audit'],
      summary: "The workspace's audit log, newest first; page with `before` = the last id you saw",
      request: {
        params: WorkspaceParams,
        query: z.object({
          before: z.coerce.number().int().positive().optional(),
          limit: z.coerce.number().int().min(1).max(200).default(50),
        }),
      },
      responses: {
        200: jsonResponse(
          z.object({ items: z.array(AuditEntrySchema), nextBefore: z.number().int().nullable() }),
          'Audit entries',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { before, limit } = c.req.valid('query')
      const rows = await listAuditEntries(ctx.database.db, {
        workspaceId: membershipOf(c).workspaceId,
        before,
        limit,
      })
      const items = rows.map((r) => ({ ...r, createdAt: r.createdAt.toISOString() }))
      const last = items.at(-1)
      return c.json({ items, nextBefore: items.length === limit && last ? last.id : null }, 200)
    },
  )
}
