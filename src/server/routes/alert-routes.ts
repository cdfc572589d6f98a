import { createRoute, z } from '@hono/zod-openapi'
import { NotFoundError } from '../../core/errors.ts'
import { listListenAlerts } from '../../store/queries/list-listen-alerts.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { ListenAlertSchema, presentListenAlert } from '../presenters/listen-alerts.ts'
import { listenCursorOf, readListenCursor } from '../presenters/listen-cursor.ts'
import { pageSchema, presentPage } from '../presenters/page.ts'

const ALERTS_PAGE = 50

export function registerAlertRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/alerts',
      tags: ['listen'],
      summary:
        'Spike alerts of saved searches and crisis watch, newest first: the search, the minute’s volume against the baseline, sample matches, the brake crisis watch engaged',
      request: {
        params: WorkspaceParams,
        query: z.object({ before: z.string().max(300).optional() }),
      },
      responses: { 200: jsonResponse(pageSchema(ListenAlertSchema), 'Alerts'), ...problems },
    }),
    async (c) => {
      const before = readListenCursor(c.req.valid('query').before)
      const rows = await listListenAlerts(db, {
        workspaceId: membershipOf(c).workspaceId,
        before: before && { createdAt: before.at, id: before.id },
        limit: ALERTS_PAGE,
      })
      return c.json(
        presentPage(rows.map(presentListenAlert), ALERTS_PAGE, (a) =>
          listenCursorOf(a.createdAt, a.id),
        ),
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/alerts/{id}',
      tags: ['listen'],
      summary: 'One alert: the evidence a crisis watch brake links to',
      request: {
        params: WorkspaceParams.extend({
          id: z.uuid().openapi({ param: { name: 'id', in: 'path' } }),
        }),
      },
      responses: { 200: jsonResponse(ListenAlertSchema, 'The alert'), ...problems },
    }),
    async (c) => {
      const [row] = await listListenAlerts(db, {
        workspaceId: membershipOf(c).workspaceId,
        only: c.req.valid('param').id,
        limit: 1,
      })
      if (!row) throw new NotFoundError('That alert')
      return c.json(presentListenAlert(row), 200)
    },
  )
}
