import { createRoute, z } from '@hono/zod-openapi'
import { takeSnapshots } from '../../commands/take-snapshots.ts'
import { InvalidInputError, NotFoundError } from '../../core/errors.ts'
import { compareGroups, MEASURE_BY, METRICS } from '../../core/measure/group-results.ts'
import { suggestLabels } from '../../core/measure/labels.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { accountFollowers } from '../../store/queries/account-followers.ts'
import { labelVocabulary } from '../../store/queries/label-vocabulary.ts'
import { measureReport } from '../../store/queries/measure-report.ts'
import { postEngagement } from '../../store/queries/post-engagement.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { toCsv } from '../presenters/csv.ts'
import { PostEngagementSchema, presentPostEngagement } from '../presenters/engagement.ts'
import {
  MEASURE_TABLES,
  MeasureReportSchema,
  measureTable,
  presentMeasure,
} from '../presenters/measure.ts'

const PostParams = WorkspaceParams.extend({ id: z.uuid() })
const DAY = 86_400_000
const MAX_PERIOD_DAYS = 400
/** The best posts a report lists. */
const TOP_POSTS = 10

const MeasureQuery = z.object({
  from: z.iso
    .datetime({ offset: true })
    .optional()
    .openapi({ description: 'Default: 90 days before `to`' }),
  to: z.iso.datetime({ offset: true }).optional().openapi({ description: 'Default: now' }),
  by: z.enum(MEASURE_BY).default('network'),
  metric: z.enum(METRICS).default('conversations').openapi({
    description: 'What the comparison is about, per post',
  }),
  campaignId: z.uuid().optional(),
})

const SnapshotResultSchema = z.object({
  taken: z.number().int(),
  deleted: z.number().int(),
  skipped: z.array(z.object({ deliveryId: z.uuid(), reason: z.string() })),
  engagement: PostEngagementSchema,
})

export function registerMeasureRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database

  const engagementOf = async (workspaceId: string, postId: string) => {
    const loaded = await postEngagement(db, workspaceId, postId)
    if (!loaded) throw new NotFoundError('That post')
    return presentPostEngagement(loaded)
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/posts/{id}/engagement',
      tags: ['measure'],
      summary:
        'How each published variant did: snapshots at +1 h, +24 h, +7 d and on demand, side by side',
      request: { params: PostParams },
      responses: { 200: jsonResponse(PostEngagementSchema, 'Snapshots per delivery'), ...problems },
    }),
    async (c) =>
      c.json(await engagementOf(membershipOf(c).workspaceId, c.req.valid('param').id), 200),
  )

  // Reading counts from the network changes nothing there: anyone who may read may measure.
  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts/{id}/engagement',
      tags: ['measure'],
      summary: 'Take a snapshot of the post’s engagement now, on every network it is out on',
      request: { params: PostParams },
      responses: {
        200: jsonResponse(SnapshotResultSchema, 'What was read, and what was skipped and why'),
        ...problems,
        429: { description: 'The network rate-limited the read; Retry-After says when to try' },
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const postId = c.req.valid('param').id
      const before = await engagementOf(workspaceId, postId)
      const outcome = await takeSnapshots(db, ctx.secret, ctx.networks, {
        deliveryIds: before.deliveries.map((d) => d.deliveryId),
        mode: 'now',
      })
      return c.json({ ...outcome, engagement: await engagementOf(workspaceId, postId) }, 200)
    },
  )

  const report = async (workspaceId: string, query: z.infer<typeof MeasureQuery>) => {
    const to = query.to ? new Date(query.to) : new Date()
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 90 * DAY)
    if (from >= to) throw new InvalidInputError('`from` must be before `to`', { from: 'after to' })
    if (to.getTime() - from.getTime() > MAX_PERIOD_DAYS * DAY)
      throw new InvalidInputError(`A period is at most ${MAX_PERIOD_DAYS} days`, {
        from: 'too long',
      })
    const [rows, followers] = await Promise.all([
      measureReport(db, workspaceId, {
        from,
        to,
        by: query.by,
        metric: query.metric,
        top: TOP_POSTS,
        ...(query.campaignId ? { campaignId: query.campaignId } : {}),
      }),
      accountFollowers(db, workspaceId),
    ])
    return presentMeasure({
      from,
      to,
      by: query.by,
      metric: query.metric,
      posts: rows.posts,
      groups: compareGroups(rows.groups, rows.units, query.metric),
      days: rows.days,
      top: rows.top,
      followers,
    })
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/measure',
      tags: ['measure'],
      summary:
        'Compare accounts, networks, topics, approaches or campaigns over a period: totals, per-post comparison with its interval, daily totals',
      request: { params: WorkspaceParams, query: MeasureQuery },
      responses: { 200: jsonResponse(MeasureReportSchema, 'The comparison'), ...problems },
    }),
    async (c) => c.json(await report(membershipOf(c).workspaceId, c.req.valid('query')), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/measure.csv',
      tags: ['measure'],
      summary:
        'A table of the Measure report as CSV: `table=groups` (default), `days` or `top` (the best posts)',
      request: {
        params: WorkspaceParams,
        query: MeasureQuery.extend({ table: z.enum(MEASURE_TABLES).default('groups') }),
      },
      responses: {
        200: { description: 'CSV', content: { 'text/csv': { schema: z.string() } } },
        ...problems,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      const measured = await report(membershipOf(c).workspaceId, query)
      const name = `sous-${query.table}-by-${query.by}-${measured.from.slice(0, 10)}-${measured.to.slice(0, 10)}.csv`
      return c.body(toCsv(measureTable(measured, query.table)), 200, {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
      })
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.compose' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/labels/suggest',
      tags: ['measure'],
      summary:
        'Topics and an approach suggested from a post’s text, each with the words that decided (never required)',
      request: {
        params: WorkspaceParams,
        body: jsonBody(z.object({ text: z.string().max(20_000) })),
      },
      responses: {
        200: jsonResponse(
          z.object({
            topics: z.array(z.object({ topic: z.string(), reason: z.string() })),
            approach: z.object({ approach: z.string(), reason: z.string() }).nullable(),
          }),
          'Suggestions',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const vocabulary = await labelVocabulary(db, membershipOf(c).workspaceId)
      return c.json(suggestLabels(c.req.valid('json').text, vocabulary), 200)
    },
  )
}
