import { createRoute, z } from '@hono/zod-openapi'
import { createApiToken } from '../../commands/create-api-token.ts'
import { revokeApiToken } from '../../commands/revoke-api-token.ts'
import { listApiTokens } from '../../store/queries/list-api-tokens.ts'
import type { AppContext } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { ApiTokenSchema, presentApiToken } from '../presenters/users.ts'

export function registerTokenRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'session' },
    createRoute({
      method: 'post',
      path: '/api/v1/tokens',
      tags: ['tokens'],
      summary:
        'Create a personal API token for one workspace; the secret is shown only in this response',
      request: {
        body: jsonBody(z.strictObject({ name: z.string().min(1).max(100), workspaceId: z.uuid() })),
      },
      responses: {
        201: jsonResponse(
          ApiTokenSchema.extend({ token: z.string() }),
          'Created; keep `token`, it is not shown again',
        ),
        ...problems,
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const body = c.req.valid('json')
      const { token, apiToken } = await createApiToken(db, {
        userId: principal.userId,
        ...body,
        ip: clientIp(c),
      })
      return c.json({ ...presentApiToken(apiToken), token }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'get',
      path: '/api/v1/tokens',
      tags: ['tokens'],
      summary:
        'Your API tokens (without their secrets); through a token, only those of its workspace',
      responses: {
        200: jsonResponse(z.object({ items: z.array(ApiTokenSchema) }), 'Tokens'),
        401: problems[401],
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const rows = await listApiTokens(db, {
        userId: principal.userId,
        workspaceId: principal.tokenWorkspaceId,
      })
      return c.json({ items: rows.map(presentApiToken) }, 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'delete',
      path: '/api/v1/tokens/{id}',
      tags: ['tokens'],
      summary: 'Revoke one of your API tokens',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 204: { description: 'Revoked' }, ...problems },
    }),
    async (c) => {
      const principal = principalOf(c)
      await revokeApiToken(db, {
        userId: principal.userId,
        onlyWorkspaceId: principal.tokenWorkspaceId,
        tokenId: c.req.valid('param').id,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
