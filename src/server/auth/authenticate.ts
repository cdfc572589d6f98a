import { and, eq, gt, isNull } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { hashOpaqueToken } from '../../security/opaque-token.ts'
import type { Db } from '../../store/connect.ts'
import { apiTokens, sessions, users } from '../../store/schema/index.ts'
import type { AppEnv, Principal } from '../app-env.ts'

export const SESSION_COOKIE = 'sous_session'
// Sessions and tokens record their last use at most this often, not on every request.
const TOUCH_EVERY_MS = 5 * 60_000

/** Resolves the caller from `Authorization: Bearer` or the session cookie; never rejects by itself. */
export function authenticate(db: Db): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
    const cookie = getCookie(c, SESSION_COOKIE)
    const principal = bearer
      ? await principalFromToken(db, bearer)
      : cookie
        ? await principalFromSession(db, cookie)
        : undefined
    if (principal) c.set('principal', principal)
    await next()
  }
}

async function principalFromSession(db: Db, token: string): Promise<Principal | undefined> {
  const now = new Date()
  const [row] = await db
    .select({ session: sessions, email: users.email, instanceAdmin: users.instanceAdmin })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(and(eq(sessions.tokenHash, hashOpaqueToken(token)), gt(sessions.expiresAt, now)))
  if (!row) return undefined
  if (now.getTime() - row.session.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.session.id))
  }
  return {
    userId: row.session.userId,
    email: row.email,
    via: 'session',
    sessionId: row.session.id,
    instanceAdmin: row.instanceAdmin,
  }
}

async function principalFromToken(db: Db, token: string): Promise<Principal | undefined> {
  const now = new Date()
  const [row] = await db
    .select({ token: apiTokens, email: users.email })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(and(eq(apiTokens.tokenHash, hashOpaqueToken(token)), isNull(apiTokens.revokedAt)))
  if (!row) return undefined
  if (!row.token.lastUsedAt || now.getTime() - row.token.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
    await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.token.id))
  }
  return {
    userId: row.token.userId,
    email: row.email,
    via: 'token',
    // A token never carries instance powers: it works in its one workspace only.
    instanceAdmin: false,
    tokenWorkspaceId: row.token.workspaceId,
  }
}
