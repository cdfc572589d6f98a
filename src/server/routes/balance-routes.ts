import { createRoute } from '@hono/zod-openapi'
import { listConnectedAccounts } from '../../store/queries/connected-accounts.ts'
import { findWorkspace } from '../../store/queries/find-workspace.ts'
import { publishedByProvenance } from '../../store/queries/published-by-provenance.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { BalanceReportSchema, presentBalance } from '../presenters/balance.ts'

export function registerBalanceRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/balance',
      tags: ['measure'],
      summary:
        'Organic balance per account over 7 and 30 days: live posts and replies against scheduled broadcasts',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(BalanceReportSchema, 'Balance per account'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const workspace = await findWorkspace(db, workspaceId)
      const [accounts, rows] = await Promise.all([
        listConnectedAccounts(db, workspaceId),
        publishedByProvenance(db, workspaceId),
      ])
      const threshold = workspace?.broadcastWarningShare ?? 0.7
      return c.json(presentBalance(accounts, rows, threshold), 200)
    },
  )
}
