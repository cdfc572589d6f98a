import { createRoute, z } from '@hono/zod-openapi'
import { and, eq, gte, isNull, sql } from 'drizzle-orm'
import { organicBalance } from '../../core/balance/organic-balance.ts'
import { accounts, deliveries, posts, workspaces } from '../../store/schema/index.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const BalanceSchema = z.object({
  live: z.number().int(),
  replies: z.number().int(),
  scheduled: z.number().int(),
  curated: z.number().int(),
  total: z.number().int(),
  broadcastShare: z.number().nullable(),
  warning: z.string().nullable(),
})

const WINDOWS = [7, 30] as const

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
      responses: {
        200: jsonResponse(
          z.object({
            threshold: z.number(),
            items: z.array(
              z.object({
                accountId: z.uuid(),
                handle: z.string(),
                days7: BalanceSchema,
                days30: BalanceSchema,
              }),
            ),
          }),
          'Balance per account',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId))
      const threshold = workspace?.broadcastWarningShare ?? 0.7
      const since = new Date(Date.now() - 30 * 24 * 60 * 60_000)
      const rows = await db
        .select({
          accountId: deliveries.accountId,
          provenance: posts.provenance,
          recent: sql<number>`count(*) filter (where ${deliveries.publishedAt} >= now() - interval '7 days')::int`,
          month: sql<number>`count(*)::int`,
        })
        .from(deliveries)
        .innerJoin(posts, eq(posts.id, deliveries.postId))
        .where(
          and(
            eq(posts.workspaceId, workspaceId),
            eq(deliveries.segment, 0),
            gte(deliveries.publishedAt, since),
          ),
        )
        .groupBy(deliveries.accountId, posts.provenance)
      const list = await db
        .select({ id: accounts.id, handle: accounts.handle })
        .from(accounts)
        .where(and(eq(accounts.workspaceId, workspaceId), isNull(accounts.disconnectedAt)))
      const counts = (accountId: string, key: 'recent' | 'month') => {
        const of = (p: string) =>
          rows.find((r) => r.accountId === accountId && r.provenance === p)?.[key] ?? 0
        return {
          live: of('live'),
          replies: of('reply'),
          scheduled: of('scheduled'),
          curated: of('suggestion'),
        }
      }
      const items = list.map((a) => ({
        accountId: a.id,
        handle: a.handle,
        days7: organicBalance(counts(a.id, 'recent'), threshold, WINDOWS[0]),
        days30: organicBalance(counts(a.id, 'month'), threshold, WINDOWS[1]),
      }))
      return c.json({ threshold, items }, 200)
    },
  )
}
