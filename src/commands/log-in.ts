import { eq, sql } from 'drizzle-orm'
import {
  afterFailure,
  afterSuccess,
  EMAIL_THROTTLE,
  IP_THROTTLE,
  reserveAttempt,
  type ThrottlePolicy,
  type ThrottleState,
} from '../core/access/login-throttle.ts'
import { ThrottledError, UnauthenticatedError } from '../core/errors.ts'
import { loginEmailKey } from '../security/login-key.ts'
import { verifyPassword } from '../security/password.ts'
import type { Db } from '../store/connect.ts'
import type { Executor } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { loginThrottle, users } from '../store/schema/index.ts'
import { startSession } from './start-session.ts'

export const WRONG_CREDENTIALS = 'The email or password is not right'

export type LogInInput = {
  email: string
  password: string
  ip: string
  userAgent?: string
  now?: Date
  /** The instance secret: failed-login keys are keyed hashes of the typed email. */
  secret: Buffer
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
    [`email:${loginEmailKey(input.secret, email)}`, EMAIL_THROTTLE],
    [`ip:${input.ip}`, IP_THROTTLE],
  ]
  // Counted before the password is checked, in one transaction per attempt with the rows
  // locked: concurrent attempts queue here, so a burst cannot all be checked (fails closed).
  const wait = await db.transaction(async (tx) => {
    let longest = 0
    for (const [key, policy] of keys) {
      // An empty row first, so that two first attempts lock the same row instead of racing.
      await tx
        .insert(loginThrottle)
        .values({ key, failures: 0, windowStart: now, lockedUntil: null })
        .onConflictDoNothing()
      const reserved = reserveAttempt(await lockThrottle(tx, key), now, policy)
      await saveThrottle(tx, key, reserved.state)
      longest = Math.max(longest, reserved.waitSeconds)
    }
    return longest
  })
  if (wait > 0) throw new ThrottledError('Too many failed logins; try again later', wait)

  const [user] = await db.select().from(users).where(eq(users.email, email)).limit(1)
  const ok = await verifyPassword(user?.passwordHash, input.password)

  if (!user || !ok) {
    await db.transaction(async (tx) => {
      for (const [key, policy] of keys) {
        const state = await lockThrottle(tx, key)
        if (state) await saveThrottle(tx, key, afterFailure(state, now, policy))
      }
      await recordAudit(tx, {
        action: 'login.failed',
        actorUserId: user?.id ?? null,
        data: user ? {} : { emailKey: loginEmailKey(input.secret, email) },
        ip: input.ip,
      })
    })
    throw new UnauthenticatedError(WRONG_CREDENTIALS)
  }

  const session = await db.transaction(async (tx) => {
    for (const [key] of keys) {
      const state = await lockThrottle(tx, key)
      if (state) await saveThrottle(tx, key, afterSuccess(state, now))
    }
    return startSession(tx, { userId: user.id, ip: input.ip, userAgent: input.userAgent, now })
  })
  return { ...session, user }
}

async function lockThrottle(tx: Executor, key: string): Promise<ThrottleState | undefined> {
  const [row] = await tx
    .select()
    .from(loginThrottle)
    .where(eq(loginThrottle.key, key))
    .for('update')
  return row
}

async function saveThrottle(tx: Executor, key: string, state: ThrottleState | undefined) {
  if (!state) {
    await tx.delete(loginThrottle).where(eq(loginThrottle.key, key))
    return
  }
  await tx
    .insert(loginThrottle)
    .values({ key, ...state })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: {
        failures: sql`excluded.failures`,
        windowStart: sql`excluded.window_start`,
        lockedUntil: sql`excluded.locked_until`,
      },
    })
}
