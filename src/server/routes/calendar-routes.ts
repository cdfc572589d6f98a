import { createRoute, z } from '@hono/zod-openapi'
import { assertCalendarRange } from '../../core/schedule/calendar-range.ts'
import { listDeliveryEntries } from '../../store/queries/list-delivery-entries.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { DeliveryEntrySchema, presentDeliveryEntries } from '../presenters/delivery-entries.ts'

export function registerCalendarRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/calendar',
      tags: ['posts'],
      summary: 'Every delivery due in [from, to) across the workspace’s accounts, in time order',
      request: {
        params: WorkspaceParams,
        query: z.object({
          from: z.iso.datetime({ offset: true }),
          to: z.iso.datetime({ offset: true }),
        }),
      },
      responses: {
        200: jsonResponse(z.object({ items: z.array(DeliveryEntrySchema) }), 'The range'),
        ...problems,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const from = new Date(query.from)
      const to = new Date(query.to)
      assertCalendarRange(from, to)
      const rows = await listDeliveryEntries(ctx.database.db, membershipOf(c).workspaceId, {
        from,
        to,
      })
      return c.json({ items: presentDeliveryEntries(rows) }, 200)
    },
  )
}
