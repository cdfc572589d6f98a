import { OpenAPIHono, type RouteConfig, type RouteHandler } from '@hono/zod-openapi'
import type { Access } from '../core/access/permissions.ts'
import type { AppContext, AppEnv } from './app-env.ts'
import { authorize } from './auth/authorize.ts'
import { validationHook } from './validation-hook.ts'

export type Api = OpenAPIHono<AppEnv>

/** Every route's declared access, keyed `METHOD /path`; the permission test walks it. */
export type AccessTable = Map<string, Access>

export function createApi(): Api {
  return new OpenAPIHono<AppEnv>({ defaultHook: validationHook })
}

const SECURITY = [{ session: [] }, { bearer: [] }]

/**
 * The one way to add an API route: it declares its access, which is enforced before the
 * handler runs and recorded for the route × role test (a route without it cannot be added).
 */
export function addRoute<R extends RouteConfig>(
  api: Api,
  ctx: AppContext & { accessTable: AccessTable },
  access: Access,
  config: R,
  handler: RouteHandler<R, AppEnv>,
): void {
  const key = `${config.method.toUpperCase()} ${config.path}`
  ctx.accessTable.set(key, access)
  const honoPath = config.path.replace(/\{(\w+)\}/g, ':$1')
  api.on(config.method.toUpperCase(), honoPath, authorize(ctx.database.db, access))
  const documented = access.kind === 'public' ? config : { ...config, security: SECURITY }
  api.openapi(documented as R, handler)
}
