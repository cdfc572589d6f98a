import type { Context } from 'hono'
import { UnauthenticatedError } from '../../core/errors.ts'
import type { AppEnv } from '../app-env.ts'

/** The authenticated caller; `authorize` guarantees it on non-public routes, and this fails closed if not. */
export function principalOf(c: Context<AppEnv>) {
  const principal = c.var.principal
  if (!principal) throw new UnauthenticatedError()
  return principal
}

/** The caller's membership in the route's workspace, set by `authorize` on workspace routes. */
export function membershipOf(c: Context<AppEnv>) {
  const membership = c.var.membership
  if (!membership) throw new UnauthenticatedError()
  return membership
}
