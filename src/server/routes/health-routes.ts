import { createRoute, z } from '@hono/zod-openapi'
import { migrationsApplied } from '../../store/migrate.ts'
import type { AppContext } from '../app-env.ts'
import { type AccessTable, type Api, addRoute } from '../define-route.ts'
import { jsonResponse } from '../openapi-helpers.ts'

const ReadySchema = z.object({
  status: z.enum(['ready', 'not_ready']),
  problems: z.array(z.string()),
})

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
      summary: 'Database reachable, migrations applied, a worker heartbeat is fresh',
      responses: {
        200: jsonResponse(ReadySchema, 'Ready'),
        503: jsonResponse(ReadySchema, 'Not ready'),
      },
    }),
    async (c) => {
      const problems = await readinessProblems(ctx)
      return problems.length
        ? c.json({ status: 'not_ready' as const, problems }, 503)
        : c.json({ status: 'ready' as const, problems }, 200)
    },
  )
}

async function readinessProblems(ctx: AppContext): Promise<string[]> {
  try {
    await ctx.database.pool.query('select 1')
  } catch (error) {
    return [`database unreachable: ${(error as Error).message}`]
  }
  const problems: string[] = []
  if (!(await migrationsApplied(ctx.database.pool)))
    problems.push('database migrations are not applied')
  for (const check of ctx.readinessChecks ?? []) {
    const problem = await check().catch((error: Error) => error.message)
    if (problem) problems.push(problem)
  }
  return problems
}
