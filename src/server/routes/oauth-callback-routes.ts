import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { html } from 'hono/html'
import { finishMastodonConnection } from '../../commands/finish-mastodon-connection.ts'
import { InvalidInputError } from '../../core/errors.ts'
import { nameNetwork } from '../../networks/name-network.ts'
import type { NetworkRegistry } from '../../networks/registry.ts'
import type { AppContext } from '../app-env.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { problems } from '../openapi-helpers.ts'
import { MASTODON_CALLBACK_PATH } from './account-routes.ts'

export function registerOAuthCallbackRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable; networks: NetworkRegistry },
) {
  // Public: the instance sends the browser here; the single-use `state` identifies the flow.
  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: MASTODON_CALLBACK_PATH,
      tags: ['accounts'],
      summary: 'Where a Mastodon instance sends the person back after they authorize Sous',
      request: {
        query: z.object({
          state: z.string().min(1).max(200),
          code: z.string().max(2000).optional(),
          error: z.string().max(200).optional(),
          error_description: z.string().max(2000).optional(),
        }),
      },
      responses: {
        200: {
          description: 'Connected: a page saying so',
          content: { 'text/html': { schema: z.string() } },
        },
        ...problems,
      },
    }),
    async (c) => {
      const query = c.req.valid('query')
      // A browser coming back from the instance lands on the Accounts page of the web UI with
      // the outcome in the address; an API client keeps the plain answers below.
      if (c.req.header('accept')?.includes('text/html')) {
        try {
          const account = await finish(c, query)
          return c.redirect(
            `/w/${account.workspaceId}/accounts?connected=${encodeURIComponent(account.handle)}`,
            303,
          )
        } catch (error) {
          const detail = error instanceof Error ? error.message : 'Connecting did not work'
          return c.redirect(`/accounts?connectError=${encodeURIComponent(detail)}`, 303)
        }
      }
      const account = await finish(c, query)
      return c.html(
        html`<!doctype html><meta charset="utf-8"><title>Connected to Sous</title>
<p>Connected <strong>${account.handle}</strong> to Sous. You can close this tab.</p>`,
        200,
      )
    },
  )

  async function finish(
    c: Context,
    query: { state: string; code?: string; error?: string; error_description?: string },
  ) {
    if (query.error || !query.code) {
      throw new InvalidInputError(
        `The instance did not authorize Sous: ${query.error_description ?? query.error ?? 'no code came back'}. Start connecting again.`,
      )
    }
    const code = query.code
    const account = await nameNetwork('Mastodon', () =>
      finishMastodonConnection(ctx.database, ctx.secret, ctx.networks.mastodon, {
        state: query.state,
        code,
        redirectUri: `${ctx.config.publicUrl}${MASTODON_CALLBACK_PATH}`,
        website: ctx.config.publicUrl,
        ip: clientIp(c),
      }),
    )
    return account
  }
}
