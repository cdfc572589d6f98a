import { createRoute, z } from '@hono/zod-openapi'
import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm'
import { approvePost } from '../../commands/approve-post.ts'
import { decideReview } from '../../commands/decide-review.ts'
import { DELIVERY_STATES } from '../../core/delivery/delivery-state.ts'
import { InvalidInputError } from '../../core/errors.ts'
import { accounts, deliveries, variants } from '../../store/schema/index.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const EntrySchema = z
  .object({
    deliveryId: z.uuid(),
    postId: z.uuid(),
    accountId: z.uuid(),
    handle: z.string(),
    network: z.string(),
    segment: z.number().int(),
    text: z.string(),
    state: z.enum(DELIVERY_STATES),
    dueAt: z.iso.datetime(),
    uri: z.string().nullable(),
    url: z.string().nullable(),
    error: z.string().nullable(),
  })
  .openapi('CalendarEntry')

const MAX_RANGE_MS = 366 * 24 * 60 * 60_000

export function registerReviewRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  const entries = async (workspaceId: string, where: ReturnType<typeof and>) => {
    const rows = await db
      .select({
        d: deliveries,
        handle: accounts.handle,
        network: accounts.network,
        segments: variants.segments,
      })
      .from(deliveries)
      .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
      .innerJoin(variants, eq(variants.id, deliveries.variantId))
      .where(and(eq(accounts.workspaceId, workspaceId), where))
      .orderBy(asc(deliveries.dueAt), asc(deliveries.segment))
      .limit(2_000)
    return rows.map(({ d, handle, network, segments }) => ({
      deliveryId: d.id,
      postId: d.postId,
      accountId: d.accountId,
      handle,
      network,
      segment: d.segment,
      text: segments[d.segment]?.text ?? '',
      state: d.state,
      dueAt: d.dueAt.toISOString(),
      uri: d.uri,
      url: d.url,
      error: d.error,
    }))
  }

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
        200: jsonResponse(z.object({ items: z.array(EntrySchema) }), 'The range'),
        ...problems,
      },
    }),
    async (c) => {
      const { from, to } = c.req.valid('query')
      const start = new Date(from)
      const end = new Date(to)
      if (end <= start || end.getTime() - start.getTime() > MAX_RANGE_MS) {
        throw new InvalidInputError('`to` must be after `from`, at most a year later', {
          to: 'out of range',
        })
      }
      const items = await entries(
        membershipOf(c).workspaceId,
        and(gte(deliveries.dueAt, start), lt(deliveries.dueAt, end)),
      )
      return c.json({ items }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/review',
      tags: ['posts'],
      summary:
        'Deliveries waiting for a person: their time passed under the brake or without approval, or their account is held',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(EntrySchema) }), 'Waiting for review'),
        ...problems,
      },
    }),
    async (c) => {
      const items = await entries(
        membershipOf(c).workspaceId,
        and(inArray(deliveries.state, ['needs_review', 'held'])),
      )
      return c.json({ items }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.publish' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/review/{deliveryId}',
      tags: ['posts'],
      summary:
        'Decide a delivery in review: publish now, reschedule (to a time, or the account’s next free slot), or discard',
      request: {
        params: WorkspaceParams.extend({ deliveryId: z.uuid() }),
        body: jsonBody(
          z.strictObject({
            action: z.enum(['publish_now', 'reschedule', 'discard']),
            at: z.iso.datetime({ offset: true }).optional(),
            slot: z
              .literal(true)
              .optional()
              .openapi({ description: 'With reschedule: the account’s next free queue slot' }),
          }),
        ),
      },
      responses: { 204: { description: 'Decided' }, ...problems },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const at = body.at ? new Date(body.at) : undefined
      if (body.action === 'reschedule' && !body.slot && (!at || at.getTime() <= Date.now())) {
        throw new InvalidInputError('Reschedule to a time in the future, or into the next slot', {
          at: 'missing or passed',
        })
      }
      await decideReview(ctx.database, {
        workspaceId: membershipOf(c).workspaceId,
        deliveryId: c.req.valid('param').deliveryId,
        userId: principalOf(c).userId,
        decision:
          body.action === 'reschedule' && body.slot
            ? { action: 'reschedule_slot' }
            : body.action === 'reschedule' && at
              ? { action: 'reschedule', at }
              : body.action === 'discard'
                ? { action: 'discard' }
                : { action: 'publish_now' },
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.publish' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/posts/{id}/approve',
      tags: ['posts'],
      summary: 'Approve a contributor’s post',
      request: { params: WorkspaceParams.extend({ id: z.uuid() }) },
      responses: { 204: { description: 'Approved' }, ...problems },
    }),
    async (c) => {
      await approvePost(db, {
        workspaceId: membershipOf(c).workspaceId,
        postId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
