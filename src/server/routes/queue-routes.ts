import { createRoute, z } from '@hono/zod-openapi'
import { and, eq, isNull } from 'drizzle-orm'
import { InvalidInputError, NotFoundError } from '../../core/errors.ts'
import {
  isValidSlot,
  isValidTimeZone,
  upcomingSlotInstants,
} from '../../core/schedule/queue-slots.ts'
import { recordAudit } from '../../store/record-audit.ts'
import { accounts } from '../../store/schema/index.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'

const SlotSchema = z.strictObject({
  weekday: z
    .number()
    .int()
    .min(1)
    .max(7)
    .openapi({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .openapi({ example: '09:30' }),
})

const QueueSchema = z
  .object({
    timeZone: z.string(),
    slots: z.array(SlotSchema),
    upcoming: z
      .array(z.iso.datetime())
      .openapi({ description: 'The next slot times, DST-correct' }),
  })
  .openapi('Queue')

export function registerQueueRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'posts.publish' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/queue',
      tags: ['posts'],
      summary:
        "Set an account's queue: weekly time slots in its time zone (e.g. weekdays 09:30 and 15:00)",
      request: {
        params: WorkspaceParams.extend({ id: z.uuid() }),
        body: jsonBody(
          z.strictObject({ timeZone: z.string().max(64), slots: z.array(SlotSchema).max(200) }),
        ),
      },
      responses: { 200: jsonResponse(QueueSchema, 'The queue and its next slots'), ...problems },
    }),
    async (c) => {
      const body = c.req.valid('json')
      if (!isValidTimeZone(body.timeZone)) {
        throw new InvalidInputError(
          `${body.timeZone} is not an IANA time zone (like Europe/Berlin)`,
          { timeZone: 'unknown zone' },
        )
      }
      const slots = body.slots.filter(isValidSlot)
      const { workspaceId } = membershipOf(c)
      const account = await db.transaction(async (tx) => {
        const [row] = await tx
          .update(accounts)
          .set({ timeZone: body.timeZone, queueSlots: slots })
          .where(
            and(
              eq(accounts.id, c.req.valid('param').id),
              eq(accounts.workspaceId, workspaceId),
              isNull(accounts.disconnectedAt),
            ),
          )
          .returning()
        if (!row) throw new NotFoundError('That account')
        await recordAudit(tx, {
          action: 'account.queue_changed',
          workspaceId,
          actorUserId: principalOf(c).userId,
          targetType: 'account',
          targetId: row.id,
          data: { timeZone: body.timeZone, slots: slots.length },
          ip: clientIp(c),
        })
        return row
      })
      const upcoming = upcomingSlotInstants(account.queueSlots, account.timeZone, new Date(), 5)
      return c.json(
        {
          timeZone: account.timeZone,
          slots: account.queueSlots,
          upcoming: upcoming.map((i) => new Date(i).toISOString()),
        },
        200,
      )
    },
  )
}
