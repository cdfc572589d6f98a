import { createRoute, z } from '@hono/zod-openapi'
import { setCrisisWatch } from '../../commands/set-crisis-watch.ts'
import { builtInCrisisTerms } from '../../core/listen/crisis-lexicon.ts'
import { SENSITIVITIES } from '../../core/listen/detect-spike.ts'
import { readCrisisWatch } from '../../store/queries/read-crisis-watch.ts'
import type { AppContext } from '../app-env.ts'
import { membershipOf, principalOf } from '../auth/caller.ts'
import { clientIp } from '../client-ip.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonBody, jsonResponse, problems, WorkspaceParams } from '../openapi-helpers.ts'
import { CrisisWatchSchema, presentCrisisWatch } from '../presenters/crisis-watch.ts'

export function registerCrisisWatchRoutes(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable },
) {
  const { db } = ctx.database
  const builtIn = builtInCrisisTerms().length

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'listen.read' },
    createRoute({
      method: 'get',
      path: '/api/v1/workspaces/{ws}/crisis-watch',
      tags: ['listen'],
      summary: 'The workspace’s crisis watch (off until an admin turns it on)',
      request: { params: WorkspaceParams },
      responses: { 200: jsonResponse(CrisisWatchSchema, 'The crisis watch'), ...problems },
    }),
    async (c) =>
      c.json(
        presentCrisisWatch(await readCrisisWatch(db, membershipOf(c).workspaceId), builtIn),
        200,
      ),
  )

  addRoute(
    api,
    ctx,
    { kind: 'workspace', permission: 'workspace.update' },
    createRoute({
      method: 'put',
      path: '/api/v1/workspaces/{ws}/crisis-watch',
      tags: ['listen'],
      summary:
        'Turn crisis watch on or off, with the workspace’s own terms beside the built-in lexicon: on a spike of crisis posts it engages the workspace’s brake and alerts; it never releases the brake',
      request: {
        params: WorkspaceParams,
        body: jsonBody(
          z.strictObject({
            enabled: z.boolean(),
            terms: z.array(z.string().trim().min(1).max(200)).max(200),
            sensitivity: z.enum(SENSITIVITIES),
          }),
        ),
      },
      responses: { 200: jsonResponse(CrisisWatchSchema, 'Saved'), ...problems },
    }),
    async (c) => {
      const watch = await setCrisisWatch(db, {
        workspaceId: membershipOf(c).workspaceId,
        userId: principalOf(c).userId,
        ...c.req.valid('json'),
        ip: clientIp(c),
      })
      return c.json(presentCrisisWatch(watch, builtIn), 200)
    },
  )
}
