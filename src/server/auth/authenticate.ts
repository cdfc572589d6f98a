import { and, eq, gt, isNull, sql } from 'drizzle-orm'
import type { MiddlewareHandler } from 'hono'
import { getCookie } from 'hono/cookie'
import { hashOpaqueToken } from '../../security/opaque-token.ts'
import { batchCalls } from '../../store/batch-calls.ts'
import type { Db } from '../../store/connect.ts'
import { apiTokens, sessions, users } from '../../store/schema/index.ts'
import type { AppEnv, Principal } from '../app-env.ts'

export const SESSION_COOKIE = 'sous_session'
// Sessions and tokens record their last use at most this often, not on every request.
const TOUCH_EVERY_MS = 5 * 60_000

/** Resolves the caller from `Authorization: Bearer` or the session cookie; never rejects by itself. */
export function authenticate(db: Db): MiddlewareHandler<AppEnv> {
  const principalFromToken = tokenLookup(db)
  const principalFromSession = sessionLookup(db)
  return async (c, next) => {
    const bearer = c.req.header('authorization')?.match(/^Bearer\s+(\S+)$/i)?.[1]
    const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE)
    const principal = bearer
      ? await principalFromToken(bearer)
      : cookie
        ? await principalFromSession(cookie)
        : undefined
    if (principal) c.set('principal', principal)
    await next()
  }
}

// Requests arriving together are looked up in one statement (batchCalls: each read begins after
// its request arrived, so a revocation committed before the request is always seen). Built
// once and prepared: 3 statements per GET /me became ~1 (bench/api.ts).

function sessionLookup(db: Db) {
  const query = db
    .select({
      id: sessions.id,
      tokenHash: sessions.tokenHash,
      userId: sessions.userId,
      lastSeenAt: sessions.lastSeenAt,
      email: users.email,
      instanceAdmin: users.instanceAdmin,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        sql`${sessions.tokenHash} = any(${sql.placeholder('hashes')}::text[])`,
        gt(sessions.expiresAt, sql.placeholder('now')),
      ),
    )
    .prepare('sous_sessions_by_hash')
  const lookup = batchCalls(async (hashes: string[]) => {
    const rows = await query.execute({ hashes, now: new Date() })
    const byHash = new Map(rows.map((row) => [row.tokenHash, row]))
    return hashes.map((hash) => byHash.get(hash))
  })
  return async (token: string): Promise<Principal | undefined> => {
    const row = await lookup(hashOpaqueToken(token))
    if (!row) return undefined
    const now = new Date()
    if (now.getTime() - row.lastSeenAt.getTime() > TOUCH_EVERY_MS) {
      await db.update(sessions).set({ lastSeenAt: now }).where(eq(sessions.id, row.id))
    }
    return {
      userId: row.userId,
      email: row.email,
      via: 'session',
      sessionId: row.id,
      instanceAdmin: row.instanceAdmin,
    }
  }
}

function tokenLookup(db: Db) {
  const query = db
    .select({
      id: apiTokens.id,
      tokenHash: apiTokens.tokenHash,
      userId: apiTokens.userId,
      workspaceId: apiTokens.workspaceId,
      lastUsedAt: apiTokens.lastUsedAt,
      email: users.email,
    })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        sql`${apiTokens.tokenHash} = any(${sql.placeholder('hashes')}::text[])`,
        isNull(apiTokens.revokedAt),
      ),
    )
    .prepare('sous_api_tokens_by_hash')
  const lookup = batchCalls(async (hashes: string[]) => {
    const rows = await query.execute({ hashes })
    const byHash = new Map(rows.map((row) => [row.tokenHash, row]))
    return hashes.map((hash) => byHash.get(hash))
  })
  return async (token: string): Promise<Principal | undefined> => {
    const row = await lookup(hashOpaqueToken(token))
    if (!row) return undefined
    const now = new Date()
    if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > TOUCH_EVERY_MS) {
      await db.update(apiTokens).set({ lastUsedAt: now }).where(eq(apiTokens.id, row.id))
    }
    return {
      userId: row.userId,
      email: row.email,
      via: 'token',
      // A token never carries instance powers: it works in its one workspace only.
      instanceAdmin: false,
      tokenWorkspaceId: row.workspaceId,
    }
  }
}
