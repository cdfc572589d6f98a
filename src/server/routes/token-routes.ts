import { createRoute, z } from '@hono/zod-openapi'
import { desc, eq } from 'drizzle-orm'
import { createApiToken } from '../../commands/create-api-token.ts'
import { revokeApiToken } from '../../commands/revoke-api-token.ts'
import { ForbiddenError } from '../../core/errors.ts'
import { apiTokens } from '../../store/schema/index.ts'
import type { AppContext } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { ApiTokenSchema, presentApiToken } from '../presenters/people.ts'

export function registerTokenRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'user' },
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
      if (principal.via === 'token')
        throw new ForbiddenError('Log in to create API tokens; a token cannot make another')
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
      summary: 'Your API tokens (without their secrets)',
      responses: {
        200: jsonResponse(z.object({ items: z.array(ApiTokenSchema) }), 'Tokens'),
        401: problems[401],
      },
    }),
    async (c) => {
      const rows = await db
        .select()
        .from(apiTokens)
        .where(eq(apiTokens.userId, principalOf(c).userId))
        .orderBy(desc(apiTokens.createdAt))
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
      await revokeApiToken(db, {
        userId: principalOf(c).userId,
        tokenId: c.req.valid('param').id,
        ip: clientIp(c),
      })
      return c.body(null, 204)
    },
  )
}
