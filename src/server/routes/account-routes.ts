import { createRoute, z } from '@hono/zod-openapi'
import { connectBlueskyAccount } from '../../commands/connect-bluesky-account.ts'
import { disconnectAccount } from '../../commands/disconnect-account.ts'
import { openAccountSession } from '../../commands/open-account-session.ts'
import { startMastodonConnection } from '../../commands/start-mastodon-connection.ts'
import { verifyAccount } from '../../commands/verify-account.ts'
import { nameNetwork } from '../../networks/name-network.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import { listConnectedAccounts } from '../../store/queries/connected-accounts.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { AccountSchema, presentAccount } from '../presenters/accounts.ts'

export const MASTODON_CALLBACK_PATH = '/api/v1/oauth/mastodon/callback'

const AccountParams = WorkspaceParams.extend({ id: z.uuid() })

export function registerAccountRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  const { db } = ctx.database
  const { networks, secret } = ctx

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/accounts',
      tags: ['accounts'],
      summary: 'Connected accounts with their state (ok, or needs_attention with the reason)',
      request: { params: WorkspaceParams },
      responses: {
        200: jsonResponse(z.object({ items: z.array(AccountSchema) }), 'Accounts'),
        ...problems,
      },
    }),
    async (c) => {
      const rows = await listConnectedAccounts(db, membershipOf(c).workspaceId)
      // The same limits planVariants checks with; unreadable credentials fall back to the network's.
      const limitsOf = (row: (typeof rows)[number]) => {
        const adapter = networks.adapterFor(row.network)
        try {
          return adapter.capabilitiesFor(openAccountSession(db, secret, row).credentials)
        } catch {
          return adapter.capabilities
        }
      }
      return c.json({ items: rows.map((row) => presentAccount(row, limitsOf(row))) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/bluesky',
      tags: ['accounts'],
      summary: 'Connect (or reconnect) a Bluesky account with a handle or DID and an app password',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            identifier: z.string().min(1).max(253).openapi({ example: 'alice.bsky.social' }),
            appPassword: z.string().min(1).max(200),
            service: z
              .url({ protocol: /^https?$/ })
              .optional()
              .openapi({ description: 'PDS or entryway; default https://bsky.social' }),
          }),
        ),
      },
      responses: {
        201: jsonResponse(AccountSchema, 'Connected'),
        ...problems,
        422: { description: 'Bluesky refused (wrong app password, unknown handle, not a PDS)' },
        502: { description: 'The PDS could not be reached' },
      },
    }),
    async (c) => {
      const account = await connectBlueskyAccount(ctx.database, secret, networks.bluesky, {
        ...c.req.valid('json'),
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(presentAccount(account), 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/mastodon',
      tags: ['accounts'],
      summary:
        'Start connecting a Mastodon-compatible account: returns the URL to authorize Sous on the instance',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            instance: z.string().min(1).max(300).openapi({ example: 'mastodon.social' }),
          }),
        ),
      },
      responses: {
        200: jsonResponse(z.object({ authorizeUrl: z.url() }), 'Open this URL to authorize'),
        ...problems,
        422: { description: 'Not a Mastodon-compatible instance, or a private address' },
        502: { description: 'The instance could not be reached' },
      },
    }),
    async (c) => {
      const result = await nameNetwork('Mastodon', () =>
        startMastodonConnection(db, secret, networks.mastodon, {
          workspaceId: membershipOf(c).workspaceId,
          userId: principalOf(c).userId,
          instance: c.req.valid('json').instance,
          redirectUri: `${ctx.config.publicUrl}${MASTODON_CALLBACK_PATH}`,
          website: ctx.config.publicUrl,
        }),
      )
      return c.json(result, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.manage' },
    createRoute({
      method: 'post',
      path: '/api/v1/workspaces/{ws}/accounts/{id}/verify',
      tags: ['accounts'],
      summary: "Check the account's credentials with its network now",
      request: { params: AccountParams },
      responses: {
        200: jsonResponse(
          AccountSchema.extend({ problem: z.string().nullable() }),
          'The account after the check',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const { account, problem } = await verifyAccount(db, secret, networks.adapterFor, {
        workspaceId: membershipOf(c).workspaceId,
        accountId: c.req.valid('param').id,
      })
      return c.json({ ...presentAccount(account), problem }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'accounts.manage' },
    createRoute({
      method: 'delete',
      path: '/api/v1/workspaces/{ws}/accounts/{id}',
      tags: ['accounts'],
      summary:
        'Disconnect an account: its credentials are forgotten, its history stays, and what it had scheduled is held (in review) until it is reconnected',
      request: { params: AccountParams },
      responses: {
        200: jsonResponse(
          z.object({
            heldDeliveries: z
              .number()
              .int()
              .openapi({ description: 'Deliveries that were scheduled and now wait, held' }),
          }),
          'Disconnected',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const result = await disconnectAccount(db, {
        workspaceId: membershipOf(c).workspaceId,
        accountId: c.req.valid('param').id,
        userId: principalOf(c).userId,
        ip: clientIp(c),
      })
      return c.json(result, 200)
    },
  )
}
