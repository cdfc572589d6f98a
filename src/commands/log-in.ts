import { eq, inArray } from 'drizzle-orm'
import {
  afterFailure,
  EMAIL_THROTTLE,
  IP_THROTTLE,
  secondsLocked,
  type ThrottlePolicy,
} from '../core/access/login-throttle.ts'
import { ThrottledError, UnauthenticatedError } from '../core/errors.ts'
import { createOpaqueToken } from '../security/opaque-token.ts'
import { verifyPassword } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { loginThrottle, sessions, users } from '../store/schema/index.ts'

export const SESSION_TTL_MS = 30 * 24 * 60 * 60_000
export const WRONG_CREDENTIALS = 'The email or password is not right'

export type LogInInput = {
  email: string
  password: string
  ip: string
  userAgent?: string
  now?: Date
}

/**
 * Verifies a password and opens a session. Unknown email and wrong password take the same
 * path (a dummy argon2 verify, the same throttle, the same error), so neither the body,
 * the status nor the timing says whether an account exists.
 */
export async function logIn(db: Db, input: LogInInput) {
  const now = input.now ?? new Date()
  const email = input.email.trim().toLowerCase()
  const keys: Array<[string, ThrottlePolicy]> = [
    [`email:${email}`, EMAIL_THROTTLE],
    [`ip:${input.ip}`, IP_THROTTLE],
  ]
  const states = await db
    .select()
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map(([key]) => key),
      ),
    )
  const wait = Math.max(0, ...states.map((state) => secondsLocked(state, now)))
  if (wait > 0) throw new ThrottledError('Too many failed logins; try again later', wait)

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1)
  const ok = await verifyPassword(user?.passwordHash, input.password)

  if (!user || !ok) {
    await db.transaction(async (tx) => {
      for (const [key, policy] of keys) {
        const next = afterFailure(
          states.find((s) => s.key === key),
          now,
          policy,
        )
        await tx
          .insert(loginThrottle)
          .values({ key, ...next })
          .onConflictDoUpdate({ target: loginThrottle.key, set: next })
      }
      await recordAudit(tx, {
        action: 'login.failed',
        actorUserId: user?.id ?? null,
        data: { email },
        ip: input.ip,
      })
    })
    throw new UnauthenticatedError(WRONG_CREDENTIALS)
  }

  const { token, hash } = createOpaqueToken('sous_s')
  const expiresAt = new Date(now.getTime() + SESSION_TTL_MS)
  const session = await db.transaction(async (tx) => {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, `email:${email}`))
    const [row] = await tx
      .insert(sessions)
      .values({
        userId: user.id,
        tokenHash: hash,
        expiresAt,
        ip: input.ip,
        userAgent: input.userAgent?.slice(0, 500),
      })
      .returning({ id: sessions.id })
    await recordAudit(tx, { action: 'login', actorUserId: user.id, ip: input.ip })
    return row
  })
  return { token, expiresAt, sessionId: session?.id, user }
}
