import { sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { type Access, PERMISSIONS } from '../../core/access/permissions.ts'
import { type Role, roleAtLeast } from '../../core/access/roles.ts'
import { ForbiddenError, NotFoundError, UnauthenticatedError } from '../../core/errors.ts'
import { batchCalls } from '../../store/batch-calls.ts'
import type { Db } from '../../store/connect.ts'
import type { AppEnv } from '../app-env.ts'

export const TOKEN_OUTSIDE_WORKSPACE =
  'An API token works in its own workspace only; do this logged in as yourself'

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/** Enforces a route's declared access before its handler runs. Fails closed: no principal, no entry. */
export function authorize(db: Db, access: Access): MiddlewareHandler<AppEnv> {
  const roleIn = roleLookup(db)
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
    const role = await roleIn({ workspaceId, userId: principal.userId })
    if (!role) throw new NotFoundError('That workspace')
    const needed = PERMISSIONS[access.permission]
    if (!roleAtLeast(role, needed)) {
      throw new ForbiddenError(`This needs the ${needed} role or higher; you are ${role}`)
    }
    c.set('membership', { workspaceId, role })
    return next()
  }
}

type Member = { workspaceId: string; userId: string }
const lookups = new WeakMap<Db, (member: Member) => Promise<Role | undefined>>()

/**
 * The caller's role in a workspace, read fresh for every request; requests arriving together
 * share one statement (a role changed or a member removed before the request is always seen).
 */
function roleLookup(db: Db) {
  const known = lookups.get(db)
  if (known) return known
  const lookup = batchCalls(async (members: Member[]) => {
    const { rows } = await db.execute<Member & { role: Role }>(sql`
      select m.workspace_id as "workspaceId", m.user_id as "userId", m.role
      from memberships m
      join unnest(${sql.param(members.map((m) => m.workspaceId))}::uuid[],
        ${sql.param(members.map((m) => m.userId))}::uuid[]) as k(workspace_id, user_id)
        on m.workspace_id = k.workspace_id and m.user_id = k.user_id`)
    const roles = new Map(rows.map((row) => [`${row.workspaceId} ${row.userId}`, row.role]))
    return members.map((m) => roles.get(`${m.workspaceId} ${m.userId}`))
  })
  lookups.set(db, lookup)
  return lookup
}
