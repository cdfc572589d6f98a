import { createRoute, z } from '@hono/zod-openapi'
import { setAccountQueue } from '../../commands/set-account-queue.ts'
import { NotFoundError } from '../../core/errors.ts'
import { loadAccountQueue } from '../../store/queries/load-account-queue.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { presentQueue, QueueSchema, QueueSlotSchema } from '../presenters/queue.ts'

const QueueParams = WorkspaceParams.extend({ id: z.uuid() })

export function registerQueueRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  const presented = async (workspaceId: string, accountId: string) => {
    const queue = await loadAccountQueue(db, workspaceId, accountId)
    if (!queue) throw new NotFoundError('That account')
    return presentQueue(queue, new Date())
  }

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/queue',
      tags: ['posts'],
      summary: "An account's queue: its weekly slots, its time zone and its next free slots",
      request: { params: QueueParams },
      responses: {
        200: jsonResponse(QueueSchema, 'The queue and its next free slots'),
        ...problems,
      },
    }),
    async (c) => c.json(await presented(membershipOf(c).workspaceId, c.req.valid('param').id), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.publish' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/queue',
      tags: ['posts'],
      summary:
        "Set an account's queue: weekly time slots in its time zone (e.g. weekdays 09:30 and 15:00), each once",
      request: {
        params: QueueParams,
        body: jsonBody(
          z.strictObject({
            timeZone: z.string().max(64),
            slots: z.array(QueueSlotSchema).max(200),
          }),
        ),
      },
      responses: {
        200: jsonResponse(QueueSchema, 'The queue and its next free slots'),
        ...problems,
        422: { description: 'An unknown time zone, or a slot given twice' },
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const body = c.req.valid('json')
      const account = await setAccountQueue(db, {
        workspaceId,
        accountId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        timeZone: body.timeZone,
        slots: body.slots,
        ip: clientIp(c),
      })
      return c.json(await presented(workspaceId, account.id), 200)
    },
  )
}
