import { createRoute, z } from '@hono/zod-openapi'
import { setInstanceAdmin } from '../../commands/set-instance-admin.ts'
import { listInstanceAdmins } from '../../store/queries/list-instance-admins.ts'
import type { AppContext } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { presentUser, UserSchema } from '../presenters/users.ts'

/** Instance administration: who keeps the instance-wide brake and reads instance events. */
export function registerInstanceRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'instance-admin' },
    createRoute({
      method: 'get',
      path: '/api/v1/instance/admins',
      tags: ['instance'],
      summary: 'The instance administrators',
      responses: {
        200: jsonResponse(z.object({ items: z.array(UserSchema) }), 'Administrators'),
        ...problems,
      },
    }),
    async (c) => c.json({ items: (await listInstanceAdmins(db)).map(presentUser) }, 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'instance-admin' },
    createRoute({
      method: 'post',
      path: '/api/v1/instance/admins',
      tags: ['instance'],
      summary: 'Name a person (by the email they log in with) an instance administrator',
      request: { body: jsonBody(z.strictObject({ email: z.string().max(320) })) },
      responses: { 200: jsonResponse(UserSchema, 'Now an administrator'), ...problems },
    }),
    async (c) => {
      const user = await setInstanceAdmin(db, {
        actorUserId: principalOf(c).userId,
        email: c.req.valid('json').email,
        admin: true,
        ip: clientIp(c),
      })
      return c.json(presentUser(user), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'instance-admin' },
    createRoute({
      method: 'delete',
      path: '/api/v1/instance/admins/{userId}',
      tags: ['instance'],
      summary: 'Step an instance administrator down (never the last one)',
      request: { params: z.object({ userId: z.uuid() }) },
      responses: {
        200: jsonResponse(UserSchema, 'No longer an administrator'),
        409: { ...problems[400], description: 'The last administrator' },
        ...problems,
      },
    }),
    async (c) => {
      const user = await setInstanceAdmin(db, {
        actorUserId: principalOf(c).userId,
        userId: c.req.valid('param').userId,
        admin: false,
        ip: clientIp(c),
      })
      return c.json(presentUser(user), 200)
    },
  )
}
