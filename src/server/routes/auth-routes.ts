import { createRoute, z } from '@hono/zod-openapi'
import { logIn } from '../../commands/log-in.ts'
import { logOut } from '../../commands/log-out.ts'
import type { AppContext } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { presentUser, UserSchema } from '../presenters/users.ts'

const LoginSchema = z
  .strictObject({ email: z.string().max(320), password: z.string().max(1024) })
  .openapi('Login')

export function registerAuthRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'post',
      path: '/api/v1/auth/login',
      tags: ['auth'],
      summary: 'Log in; sets the session cookie',
      request: { body: jsonBody(LoginSchema) },
      responses: {
        200: jsonResponse(z.object({ user: UserSchema, expiresAt: z.iso.datetime() }), 'Logged in'),
        401: problems[401],
        429: { description: 'Too many failed logins; see Retry-After' },
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const result = await logIn(db, {
        ...body,
        secret: ctx.secret,
        ip: clientIp(c),
        userAgent: c.req.header('user-agent'),
      })
      setSessionCookie(c, ctx.config.publicUrl, result)
      return c.json(
        { user: presentUser(result.user), expiresAt: result.expiresAt.toISOString() },
        200,
      )
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'session' },
    createRoute({
      method: 'post',
      path: '/api/v1/auth/logout',
      tags: ['auth'],
      summary: 'Log out this session, or every session with {"everywhere": true}',
      request: {
        body: {
          required: false,
          content: {
            'application/json': { schema: z.strictObject({ everywhere: z.boolean().optional() }) },
          },
        },
      },
      responses: { 204: { description: 'Logged out' }, 401: problems[401], 403: problems[403] },
    }),
    async (c) => {
      const principal = principalOf(c)
      const everywhere = c.req.header('content-type')?.includes('json')
        ? (c.req.valid('json')?.everywhere ?? false)
        : false
      await logOut(db, {
        userId: principal.userId,
        sessionId: principal.sessionId,
        everywhere,
        ip: clientIp(c),
      })
      clearSessionCookie(c)
      return c.body(null, 204)
    },
  )
}
