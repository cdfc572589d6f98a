import { createRoute, z } from '@hono/zod-openapi'
import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import { engageBrake } from '../../commands/engage-brake.ts'
import { releaseBrake } from '../../commands/release-brake.ts'
import { ROLES, type Role } from '../../core/access/roles.ts'
import { BRAKE_SCOPES, type BrakeScope } from '../../core/brake/brake-applies.ts'
import { refuseBrake } from '../../core/brake/brake-rules.ts'
import { ForbiddenError, InvalidInputError, NotFoundError } from '../../core/errors.ts'
import type { Db } from '../../store/connect.ts'
import { accounts, brakes, memberships } from '../../store/schema/index.ts'
import type { AppContext, Principal } from '../app-env.ts'
import { principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'

const BrakeSchema = z
  .object({
    id: z.uuid(),
    scope: z.enum(BRAKE_SCOPES),
    workspaceId: z.uuid().nullable(),
    accountId: z.uuid().nullable(),
    reason: z.string(),
    engagedBy: z.uuid().nullable(),
    engagedByLabel: z.string().nullable(),
    engagedAt: z.iso.datetime(),
    releasedAt: z.iso.datetime().nullable(),
  })
  .openapi('Brake')

type BrakeRow = typeof brakes.$inferSelect

function presentBrake(b: BrakeRow): z.infer<typeof BrakeSchema> {
  return {
    id: b.id,
    scope: b.scope,
    workspaceId: b.workspaceId,
    accountId: b.accountId,
    reason: b.reason,
    engagedBy: b.engagedBy,
    engagedByLabel: b.engagedByLabel,
    engagedAt: b.engagedAt.toISOString(),
    releasedAt: b.releasedAt?.toISOString() ?? null,
  }
}

/** The caller's role where the brake acts: its workspace, or their strongest role for the instance. */
async function roleFor(
  db: Db,
  principal: Principal,
  scope: BrakeScope,
  workspaceId: string | null,
): Promise<Role | null> {
  if (
    principal.tokenWorkspaceId &&
    (scope === 'instance' || principal.tokenWorkspaceId !== workspaceId)
  ) {
    throw new ForbiddenError('This API token works in its own workspace only')
  }
  const rows = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, principal.userId),
        workspaceId ? eq(memberships.workspaceId, workspaceId) : undefined,
      ),
    )
  return ROLES.find((role) => rows.some((r) => r.role === role)) ?? null
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
      summary: 'Pull the brake: pause every delivery of the instance, one workspace or one account',
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
      const body = c.req.valid('json')
      let workspaceId: string | null = null
      let accountId: string | null = null
      if (body.scope === 'workspace') {
        if (!body.workspaceId)
          throw new InvalidInputError('Name the workspace to stop', {
            workspaceId: 'required for scope workspace',
          })
        workspaceId = body.workspaceId
      } else if (body.scope === 'account') {
        if (!body.accountId)
          throw new InvalidInputError('Name the account to stop', {
            accountId: 'required for scope account',
          })
        const [account] = await db.select().from(accounts).where(eq(accounts.id, body.accountId))
        if (!account) throw new NotFoundError('That account')
        workspaceId = account.workspaceId
        accountId = account.id
      }
      const principal = principalOf(c)
      const refused = refuseBrake(
        'engage',
        body.scope,
        await roleFor(db, principal, body.scope, workspaceId),
      )
      if (refused) throw new ForbiddenError(refused)
      const brake = await engageBrake(db, {
        scope: body.scope,
        workspaceId,
        accountId,
        reason: body.reason,
        userId: principal.userId,
        ip: clientIp(c),
      })
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
      summary: 'Release a brake (admin); what came due meanwhile waits in review, never a burst',
      request: { params: z.object({ id: z.uuid() }) },
      responses: { 200: jsonResponse(BrakeSchema, 'Released'), ...problems },
    }),
    async (c) => {
      const [brake] = await db
        .select()
        .from(brakes)
        .where(and(eq(brakes.id, c.req.valid('param').id), isNull(brakes.releasedAt)))
      if (!brake) throw new NotFoundError('That engaged brake')
      const principal = principalOf(c)
      const refused = refuseBrake(
        'release',
        brake.scope,
        await roleFor(db, principal, brake.scope, brake.workspaceId),
      )
      if (refused) throw new ForbiddenError(refused)
      const released = await releaseBrake(db, {
        brakeId: brake.id,
        userId: principal.userId,
        ip: clientIp(c),
      })
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
      const mine = db
        .select({ id: memberships.workspaceId })
        .from(memberships)
        .where(
          and(
            eq(memberships.userId, principal.userId),
            principal.tokenWorkspaceId
              ? eq(memberships.workspaceId, principal.tokenWorkspaceId)
              : undefined,
          ),
        )
      const rows = await db
        .select()
        .from(brakes)
        .where(
          and(
            isNull(brakes.releasedAt),
            or(eq(brakes.scope, 'instance'), inArray(brakes.workspaceId, mine)),
          ),
        )
        .orderBy(desc(brakes.engagedAt))
      const order = { instance: 0, workspace: 1, account: 2 }
      return c.json(
        { items: rows.sort((a, b) => order[a.scope] - order[b.scope]).map(presentBrake) },
        200,
      )
    },
  )
}
