import { createRoute, z } from '@hono/zod-openapi'
import { migrationsApplied } from '../../store/migrate.ts'
import { readListeningLag } from '../../store/queries/read-listening-lag.ts'
import type { AppContext } from '../app-env.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse } from '../openapi-helpers.ts'
import { presentListeningReadiness, ReadySchema } from '../presenters/readiness.ts'

export function registerHealthRoutes(api: Api, ctx: AppContext & { accessTable: AccessTable }) {
  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/healthz',
      tags: ['operate'],
      summary: 'The process is alive',
      responses: { 200: jsonResponse(z.object({ status: z.literal('ok') }), 'Alive') },
    }),
    (c) => c.json({ status: 'ok' as const }, 200),
  )

  addRoute(
    api,
    ctx,
    { kind: 'public' },
    createRoute({
      method: 'get',
      path: '/readyz',
      tags: ['operate'],
      summary:
        'Database reachable, migrations applied, a worker heartbeat is fresh; with the state and lag of each listening source, which never fail it',
      responses: {
        200: jsonResponse(ReadySchema, 'Ready'),
        503: jsonResponse(ReadySchema, 'Not ready'),
      },
    }),
    async (c) => {
      const { problems, listening } = await readiness(ctx)
      return problems.length
        ? c.json({ status: 'not_ready' as const, problems, listening }, 503)
        : c.json({ status: 'ready' as const, problems, listening }, 200)
    },
  )
}

/**
 * What makes Sous unready, and where listening stands. A listening source unreachable or
 * behind is reported, never a problem: one remote server down must not take the whole
 * instance out of a load balancer.
 */
async function readiness(ctx: AppContext) {
  try {
    await ctx.database.pool.query('select 1')
  } catch (error) {
    return { problems: [`database unreachable: ${(error as Error).message}`], listening: [] }
  }
  const problems: string[] = []
  if (!(await migrationsApplied(ctx.database.pool)))
    problems.push('database migrations are not applied')
  for (const check of ctx.readinessChecks ?? []) {
    const problem = await check().catch((error: Error) => error.message)
    if (problem) problems.push(problem)
  }
  return { problems, listening: await listeningReadiness(ctx) }
}

async function listeningReadiness(ctx: AppContext) {
  const lags = await readListeningLag(ctx.database.db).catch(() => [])
  return lags.map(presentListeningReadiness)
}
