import { createRoute, z } from '@hono/zod-openapi'
import { streamSSE } from 'hono/streaming'
import { INBOX_CHANNEL } from '../../commands/announce-inbox-change.ts'
import { InvalidInputError } from '../../core/errors.ts'
import { answeredItems, inboxCounts } from '../../store/queries/inbox-counts.ts'
import { loadInboxSettings } from '../../store/queries/inbox-settings.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { InboxStatsSchema, presentInboxStats } from '../presenters/inbox-stats.ts'

const HEARTBEAT_MS = 25_000

/** The inbox's side routes: live changes (server-sent events), counts for the navigation, response-time stats. */
export function registerInboxStreamRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable },
) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox/events',
      tags: ['inbox'],
      summary:
        'Server-sent events: `items` with the ids of new or changed items of this workspace (`more: true` when there were too many to list: reload the page)',
      request: { params: WorkspaceParams },
      responses: {
        200: {
          description: 'An event stream that stays open',
          content: { 'text/event-stream': { schema: z.string() } },
        },
        ...problems,
      },
    }),
    (c) => {
      const { workspaceId } = membershipOf(c)
      return streamSSE(c, async (stream) => {
        const queue: string[] = []
        let wake: (() => void) | undefined
        const stop = ctx.database.notifier.on(INBOX_CHANNEL, (payload) => {
          try {
            const change = JSON.parse(payload) as { w: string; ids: string[]; more: boolean }
            if (change.w !== workspaceId) return
            queue.push(JSON.stringify({ ids: change.ids, more: change.more }))
            wake?.()
          } catch {}
        })
        stream.onAbort(() => {
          stop()
          wake?.()
        })
        await stream.writeSSE({ event: 'ready', data: '{}' })
        while (!stream.aborted && !stream.closed) {
          const next = queue.shift()
          if (next) {
            await stream.writeSSE({ event: 'items', data: next })
            continue
          }
          await new Promise<void>((resolve) => {
            wake = resolve
            setTimeout(resolve, HEARTBEAT_MS).unref()
          })
          wake = undefined
          if (queue.length === 0 && !stream.aborted) await stream.write(': heartbeat\n\n')
        }
        stop()
      })
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox/counts',
      tags: ['inbox'],
      summary:
        'Counts for the navigation: open, waiting, snoozed, open and assigned to you, open and unassigned',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(
          z
            .object({
              open: z.number().int(),
              waiting: z.number().int(),
              snoozed: z.number().int(),
              mine: z.number().int(),
              unassigned: z.number().int(),
            })
            .openapi('InboxCounts'),
          'The counts',
        ),
        ...problems,
      },
    }),
    async (c) =>
      c.json(await inboxCounts(db, membershipOf(c).workspaceId, principalOf(c).userId), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox/stats',
      tags: ['inbox'],
      summary:
        'First-response times in business time (median and p90) per member and per account, for messages that arrived in [from, to); the last 30 days by default',
      request: {
        params: WorkspaceParams,
        query: z.object({
          from: z.iso.datetime({ offset: true }).optional(),
          to: z.iso.datetime({ offset: true }).optional(),
        }),
      },
      responses: { 200: jsonResponse(InboxStatsSchema, 'Response times'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const query = c.req.valid('query')
      const to = query.to ? new Date(query.to) : new Date()
      const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * 86_400_000)
      if (from >= to)
        throw new InvalidInputError('`from` must be before `to`', { from: 'before to' })
      const [answered, settings] = await Promise.all([
        answeredItems(db, workspaceId, from, to),
        loadInboxSettings(db, workspaceId),
      ])
      return c.json(presentInboxStats(answered, settings.businessHours, from, to), 200)
    },
  )
}
