import { createRoute, z } from '@hono/zod-openapi'
import { decideReview } from '../../commands/decide-review.ts'
import { InvalidInputError } from '../../core/errors.ts'
import { listDeliveryEntries } from '../../store/queries/list-delivery-entries.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { DeliveryEntrySchema, presentDeliveryEntries } from '../presenters/delivery-entries.ts'

export function registerReviewRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
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
        200: jsonResponse(z.object({ items: z.array(DeliveryEntrySchema) }), 'Waiting for review'),
        ...problems,
      },
    }),
    async (c) => {
      const rows = await listDeliveryEntries(ctx.database.db, membershipOf(c).workspaceId, {
        waitingForReview: true,
      })
      return c.json({ items: presentDeliveryEntries(rows) }, 200)
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
}
