import { and, eq } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { type Access, PERMISSIONS } from '../../core/access/permissions.ts'
import { roleAtLeast } from '../../core/access/roles.ts'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../core/errors.ts'
import type { Db } from '../../store/connect.ts'
import { memberships } from '../../store/schema/index.ts'
import type { AppEnv } from '../app-env.ts'

export const TOKEN_OUTSIDE_WORKSPACE =
  'An API token works in its own workspace only; do this logged in as yourself'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Enforces a route's declared access before its handler runs. Fails closed: no principal, no entry. */
export function authorize(db: Db, access: Access): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    if (access.kind === 'public') return next()
    const principal = c.var.principal
    if (!principal) throw new UnauthenticatedError()
    if (access.kind === 'user') return next()
    if (access.kind === 'session' || access.kind === 'instance-admin') {
      if (principal.via !== 'session') throw new ForbiddenError(TOKEN_OUTSIDE_WORKSPACE)
      if (access.kind === 'instance-admin' && !principal.instanceAdmin)
        throw new ForbiddenError('This needs an instance administrator')
      return next()
    }

    const workspaceId = c.req.param('ws') ?? ''
    // Someone outside a workspace learns nothing about it: unknown and foreign both read as 404.
    if (!UUID.test(workspaceId)) throw new NotFoundError('That workspace')
    if (principal.tokenWorkspaceId && principal.tokenWorkspaceId !== workspaceId) {
      throw new ForbiddenError(TOKEN_OUTSIDE_WORKSPACE)
    }
    const [membership] = await db
      .select({ role: memberships.role })
      .from(memberships)
      .where(
        and(eq(memberships.workspaceId, workspaceId), eq(memberships.userId, principal.userId)),
      )
    if (!membership) throw new NotFoundError('That workspace')
    const needed = PERMISSIONS[access.permission]
    if (!roleAtLeast(membership.role, needed)) {
      throw new ForbiddenError(
        `This needs the ${needed} role or higher; you are ${membership.role}`,
      )
    }
    c.set('membership', { workspaceId, role: membership.role })
    return next()
  }
}
