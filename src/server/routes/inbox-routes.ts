import { createRoute, z } from '@hono/zod-openapi'
import { replyToInboxItem } from '../../commands/reply-to-inbox-item.ts'
import { updateInboxItem } from '../../commands/update-inbox-item.ts'
import { NotFoundError } from '../../core/errors.ts'
import { KINDS } from '../../core/inbox/classify-kind.ts'
import { INBOX_STATUSES } from '../../core/inbox/inbox-statuses.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { hydrateInboxItems } from '../../store/queries/hydrate-inbox-items.ts'
import { loadConversation } from '../../store/queries/inbox-conversation.ts'
import { inboxPageIds } from '../../store/queries/inbox-page.ts'
import { loadInboxSettings } from '../../store/queries/inbox-settings.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import {
  InboxItemSchema,
  InboxPageSchema,
  inboxCursorOf,
  presentInboxItem,
  readInboxCursor,
} from '../presenters/inbox.ts'
import { InboxDetailSchema, presentInboxDetail } from '../presenters/inbox-detail.ts'
import { presentPage } from '../presenters/page.ts'
import { registerInboxPersonRoutes } from './inbox-person-routes.ts'
import { registerInboxStreamRoutes } from './inbox-stream-routes.ts'
import { registerSnippetRoutes } from './snippet-routes.ts'

const PAGE_SIZE = 50
const ItemParams = WorkspaceParams.extend({ itemId: z.uuid() })

export function registerInboxRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database
  // Before …/inbox/{itemId}: these fixed paths must not be read as an item id.
  registerInboxStreamRoutes(api, ctx)
  registerSnippetRoutes(api, ctx)
  registerInboxPersonRoutes(api, ctx)

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox',
      tags: ['inbox'],
      summary:
        'The inbox, high priority first, then newest first; filter by status, assignee (a user id, or "none"), account and kind',
      request: {
        params: WorkspaceParams,
        query: z.object({
          status: z.enum(INBOX_STATUSES).optional(),
          assignee: z.union([z.uuid(), z.literal('none')]).optional(),
          account: z.uuid().optional(),
          kind: z.enum(KINDS).optional(),
          before: z.string().max(300).optional(),
        }),
      },
      responses: { 200: jsonResponse(InboxPageSchema, 'One page of the inbox'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const query = c.req.valid('query')
      const before = readInboxCursor(query.before)
      const [ids, settings] = await Promise.all([
        inboxPageIds(
          db,
          workspaceId,
          {
            status: query.status,
            assigneeId: query.assignee === 'none' ? null : query.assignee,
            accountId: query.account,
            kind: query.kind,
          },
          before,
          PAGE_SIZE,
        ),
        loadInboxSettings(db, workspaceId),
      ])
      const now = new Date()
      const items = (await hydrateInboxItems(db, ids)).map((h) =>
        presentInboxItem(h, settings, now),
      )
      return c.json(presentPage(items, PAGE_SIZE, inboxCursorOf), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox/{itemId}',
      tags: ['inbox'],
      summary:
        'One inbox item with its conversation (our post as context) and its person: every identity merged into them and their past messages and our replies',
      request: { params: ItemParams },
      responses: { 200: jsonResponse(InboxDetailSchema, 'The item in context'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const [hydrated] = await hydrateInboxItems(db, [c.req.valid('param').itemId])
      if (!hydrated || hydrated.item.workspaceId !== workspaceId)
        throw new NotFoundError('That inbox item')
      const [settings, conversation] = await Promise.all([
        loadInboxSettings(db, workspaceId),
        loadConversation(db, hydrated),
      ])
      return c.json(presentInboxDetail(hydrated, conversation, settings, new Date()), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.triage' },
    createRoute({
      method: 'patch',
      path: '/api/v1/workspaces/{ws}/inbox/{itemId}',
      tags: ['inbox'],
      summary:
        'Triage an item: status (open, waiting, done, snoozed), assignee, snooze until a time (it comes back by itself), tags, or a corrected kind',
      request: {
        params: ItemParams,
        body: jsonBody(
          z.strictObject({
            status: z.enum(INBOX_STATUSES).optional(),
            assigneeId: z.uuid().nullable().optional(),
            snoozeUntil: z.iso.datetime({ offset: true }).nullable().optional(),
            tags: z.array(z.string().max(50)).max(20).optional(),
            kind: z.enum(KINDS).optional(),
          }),
        ),
      },
      responses: { 200: jsonResponse(InboxItemSchema, 'The item as it is now'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const { itemId } = c.req.valid('param')
      await updateInboxItem(ctx.database, {
        workspaceId,
        userId: principalOf(c).userId,
        itemId,
        changes: c.req.valid('json'),
        ip: clientIp(c),
      })
      const [hydrated] = await hydrateInboxItems(db, [itemId])
      if (!hydrated) throw new NotFoundError('That inbox item')
      return c.json(
        presentInboxItem(hydrated, await loadInboxSettings(db, workspaceId), new Date()),
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.reply' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/inbox/{itemId}/reply',
      tags: ['inbox'],
      summary:
        'Reply in place, as yourself: sent once through the account the message came to, threaded under it. A text nearly the same as replies sent to three or more other people in 30 days is refused (409) until sent with acknowledgeFormLetter',
      request: {
        params: ItemParams,
        body: jsonBody(
          z.strictObject({
            text: z.string().min(1).max(10_000),
            mediaIds: z.array(z.uuid()).max(4).optional(),
            snippetId: z.uuid().optional().openapi({
              description: 'The saved reply the text started from, if any (counted on the snippet)',
            }),
            acknowledgeFormLetter: z.boolean().optional(),
          }),
        ),
      },
      responses: {
        202: jsonResponse(
          z.object({
            postId: z.uuid(),
            approval: z.enum(['not_needed', 'pending', 'approved']),
          }),
          'The reply is on its way (or waits for approval)',
        ),
        409: problems[400],
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId, role } = membershipOf(c)
      const body = c.req.valid('json')
      const result = await replyToInboxItem(ctx.database, ctx.secret, ctx.networks, {
        workspaceId,
        userId: principalOf(c).userId,
        role,
        itemId: c.req.valid('param').itemId,
        ...body,
        ip: clientIp(c),
      })
      return c.json({ postId: result.postId, approval: result.approval }, 202)
    },
  )
}
