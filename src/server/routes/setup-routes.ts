import { createRoute, z } from '@hono/zod-openapi'
import { setupInstance } from '../../commands/setup-instance.ts'
import { startSession } from '../../commands/start-session.ts'
import { instanceNeedsSetup } from '../../store/queries/instance-needs-setup.ts'
import type { AppContext } from '../app-env.ts'
import { setSessionCookie } from '../auth/session-cookie.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems } from '../openapi-helpers.ts'
import { presentUser, presentWorkspace, UserSchema, WorkspaceSchema } from '../presenters/users.ts'

export function registerSetupRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  const { db } = ctx.database

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/api/v1/setup',
      tags: ['setup'],
      summary: 'Whether this instance still needs its first person (the owner)',
      responses: {
        200: jsonResponse(z.object({ needed: z.boolean() }), 'Setup state'),
      },
    }),
    async (c) => c.json({ needed: await instanceNeedsSetup(db) }, 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'post',
      path: '/api/v1/setup',
      tags: ['setup'],
      summary:
        'First run: create the owner (also the instance administrator) and the first workspace, and log in. Open only while nobody exists',
      request: {
        body: jsonBody(
          z.strictObject({
            email: z.string().max(320),
            password: z.string().max(1024),
            name: z.string().max(200).optional(),
            workspace: z.string().max(200),
          }),
        ),
      },
      responses: {
        201: jsonResponse(
          z.object({
            user: UserSchema,
            workspace: WorkspaceSchema,
            expiresAt: z.iso.datetime(),
          }),
          'Set up and logged in',
        ),
        400: problems[400],
        409: { ...problems[400], description: 'Already set up' },
        422: { ...problems[400], description: 'Unusable email, password or name' },
      },
    }),
    async (c) => {
      const body = c.req.valid('json')
      const ip = clientIp(c)
      const { user, workspace } = await setupInstance(db, {
        email: body.email,
        password: body.password,
        name: body.name,
        workspaceName: body.workspace,
        ip,
      })
      const session = await startSession(db, {
        userId: user.id,
        ip,
        userAgent: c.req.header('user-agent'),
      })
      setSessionCookie(c, ctx.config.publicUrl, session)
      return c.json(
        {
          user: presentUser(user),
          workspace: presentWorkspace(workspace, 'owner'),
          expiresAt: session.expiresAt.toISOString(),
        },
        201,
      )
    },
  )
}
