import { createRoute, z } from '@hono/zod-openapi'
import type { Context } from 'hono'
import { type BrakeCaller, pullBrake } from '../../commands/pull-brake.ts'
import { releaseBrake } from '../../commands/release-brake.ts'
import { BRAKE_SCOPES } from '../../core/brake/brake-applies.ts'
import { listEngagedBrakes } from '../../store/queries/list-engaged-brakes.ts'
import type { AppContext, AppEnv } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { BrakeSchema, presentBrake } from '../presenters/brakes.ts'

function brakeCaller(c: Context<AppEnv>): BrakeCaller {
  const principal = principalOf(c)
  return {
    userId: principal.userId,
    instanceAdmin: principal.instanceAdmin,
    tokenWorkspaceId: principal.tokenWorkspaceId,
    ip: clientIp(c),
  }
}

export function registerBrakeRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'post',
      path: '/api/v1/brake',
      tags: ['brake'],
      summary:
        'Pull the brake: pause every delivery of one workspace or one account (editor), or of the instance (instance administrator)',
      request: {
        body: jsonBody(
          z.strictObject({
            scope: z.enum(BRAKE_SCOPES),
            workspaceId: z.uuid().optional(),
            accountId: z.uuid().optional(),
            reason: z.string().trim().min(1).max(500),
          }),
        ),
      },
      responses: {
        201: jsonResponse(
          BrakeSchema.extend({
            inFlight: z.number().int().openapi({
              description:
                'Deliveries it covers that were already claimed when it committed; each checks the brake once more right before sending',
            }),
          }),
          'Engaged',
        ),
        ...problems,
        422: problems[400],
      },
    }),
    async (c) => {
      const brake = await pullBrake(db, brakeCaller(c), c.req.valid('json'))
      return c.json({ ...presentBrake(brake), inFlight: brake.inFlight }, 201)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'delete',
      path: '/api/v1/brake/{id}',
      tags: ['brake'],
      summary:
        'Release a brake (admin of its workspace; instance administrator for the instance brake); what came due meanwhile waits in review, never a burst',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: jsonResponse(BrakeSchema, 'Released'), ...problems },
    }),
    async (c) => {
      const released = await releaseBrake(db, brakeCaller(c), c.req.valid('param').id)
      return c.json(presentBrake(released), 200)
    },
  )

  addRoute(
    api,
    ctx,
    { kind: 'user' },
    createRoute({
      method: 'get',
      path: '/api/v1/brake',
      tags: ['brake'],
      summary: 'Engaged brakes that hold your workspaces, widest first',
      responses: {
        200: jsonResponse(z.object({ items: z.array(BrakeSchema) }), 'Engaged brakes'),
        ...problems,
      },
    }),
    async (c) => {
      const principal = principalOf(c)
      const rows = await listEngagedBrakes(db, {
        userId: principal.userId,
        onlyWorkspaceId: principal.tokenWorkspaceId,
      })
      return c.json({ items: rows.map(presentBrake) }, 200)
    },
  )
}
