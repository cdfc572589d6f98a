import { createRoute, z } from '@hono/zod-openapi'
import { replaceRoutingRules } from '../../commands/replace-routing-rules.ts'
import { saveInboxSettings } from '../../commands/save-inbox-settings.ts'
import { routeItem } from '../../core/inbox/routing-rules.ts'
import { triage } from '../../core/inbox/triage.ts'
import { loadInboxSettings } from '../../store/queries/inbox-settings.ts'
import { loadRoutingRules } from '../../store/queries/routing-rules.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import {
  presentRules,
  RoutingRulesSchema,
  RoutingTrialSchema,
  RuleActionsSchema,
  RuleConditionsSchema,
} from '../presenters/routing-rules.ts'

const InboxSettingsSchema = z
  .object({
    businessHours: z.object({
      timeZone: z.string().max(64),
      windows: z
        .array(z.object({ weekday: z.number().int(), open: z.string(), close: z.string() }))
        .max(50),
    }),
    firstResponseTargetMinutes: z
      .number()
      .int()
      .min(1)
      .max(60 * 24 * 30),
    feedbackSlug: z
      .string()
      .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'lower-case letters, digits and hyphens')
      .nullable(),
    feedbackEnabled: z.boolean(),
  })
  .openapi('InboxSettings')

export function registerRoutingRulesRoutes(
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
      path: '/api/v1/workspaces/{ws}/routing-rules',
      tags: ['inbox'],
      summary:
        'The routing rules in the order they are tried; the first that matches places an item',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(RoutingRulesSchema, 'The rules'), ...problems },
    }),
    async (c) => c.json(presentRules(await loadRoutingRules(db, membershipOf(c).workspaceId)), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'routing.manage' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/routing-rules',
      tags: ['inbox'],
      summary:
        'Replace the routing rules with this ordered list. Conditions (account, network, kind, sentiment, words, person, follower, source) → assign, tag, priority, spam. Applied to messages as they arrive',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            items: z
              .array(
                z.strictObject({
                  id: z.uuid().optional(),
                  name: z.string().min(1).max(100),
                  conditions: RuleConditionsSchema,
                  actions: RuleActionsSchema,
                }),
              )
              .max(200),
          }),
        ),
      },
      responses: { 200: jsonResponse(RoutingRulesSchema, 'The rules as saved'), ...problems },
    }),
    async (c) => {
      const rows = await replaceRoutingRules(ctx.database, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        rules: c.req.valid('json').items,
        ip: clientIp(c),
      })
      return c.json(presentRules(rows), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/routing-rules/test',
      tags: ['inbox'],
      summary:
        "Try a message: its kind, sentiment and the reasons, and where the workspace's rules (or the rules given) would route it",
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            text: z.string().max(10_000),
            accountId: z.uuid().optional(),
            network: z.string().max(40).optional(),
            follower: z.boolean().optional(),
            rules: RoutingRulesSchema.shape.items.optional(),
          }),
        ),
      },
      responses: {
        200: jsonResponse(RoutingTrialSchema, 'How the message would be read and routed'),
        ...problems,
      },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      const body = c.req.valid('json')
      const rules = body.rules ?? (await loadRoutingRules(db, workspaceId))
      const triaged = triage(body.text)
      const routing = routeItem(rules, {
        accountId: body.accountId ?? null,
        network: body.network ?? null,
        kind: triaged.kind,
        sentiment: triaged.sentiment,
        text: body.text,
        personId: null,
        follower: body.follower ?? false,
        source: 'network',
      })
      return c.json({ ...triaged, ...routing }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'inbox.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/inbox-settings',
      tags: ['inbox'],
      summary:
        "The inbox's business hours (in the workspace's zone), first-response target and public feedback link",
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(InboxSettingsSchema, 'The settings'), ...problems },
    }),
    async (c) => c.json(await loadInboxSettings(db, membershipOf(c).workspaceId), 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'routing.manage' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/inbox-settings',
      tags: ['inbox'],
      summary:
        'Set business hours (weekday 1–7, HH:MM, in an IANA zone; none = always open), the first-response target in minutes of business time, and the public feedback link /f/{slug}',
      request: { params: WorkspaceParams, body: jsonBody(InboxSettingsSchema) },
      responses: { 200: jsonResponse(InboxSettingsSchema, 'The settings as saved'), ...problems },
    }),
    async (c) => {
      const { workspaceId } = membershipOf(c)
      await saveInboxSettings(ctx.database, {
        workspaceId,
        userId: principalOf(c).userId,
        settings: c.req.valid('json'),
        ip: clientIp(c),
      })
      return c.json(await loadInboxSettings(db, workspaceId), 200)
    },
  )
}
