/** Login throttling, pure: the store keeps one `ThrottleState` per key (an email or an IP). */
export type ThrottleState = { failures: number; windowStart: Date; lockedUntil: Date | null }
export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number }

// Per email: 5 wrong passwords in 15 minutes lock that email for 15 minutes, whether or not
// the account exists, so the lock itself reveals nothing. Per IP: a wider net for sprays.
export const EMAIL_THROTTLE: ThrottlePolicy = {
  maxFailures: 5,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
}
export const IP_THROTTLE: ThrottlePolicy = {
  maxFailures: 30,
  windowMs: 15 * 60_000,
  lockMs: 15 * 60_000,
}

/** Seconds until the key may try again; 0 when it may try now. */
export function secondsLocked(state: ThrottleState | undefined, now: Date): number {
  if (!state?.lockedUntil) return 0
  return Math.max(0, Math.ceil((state.lockedUntil.getTime() - now.getTime()) / 1000))
}

/**
 * Counts an attempt as a failure before its password is checked, so that 40 simultaneous
 * attempts cannot all be checked: only the first `maxFailures` are, the rest lock the key.
 * A right password then takes its count back (`afterSuccess`).
 */
export function reserveAttempt(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): { state: ThrottleState; waitSeconds: number } {
  if (state && secondsLocked(state, now) > 0)
    return { state, waitSeconds: secondsLocked(state, now) }
  const windowOpen = state && now.getTime() - state.windowStart.getTime() < policy.windowMs
  const failures = windowOpen ? state.failures + 1 : 1
  if (failures > policy.maxFailures) {
    const locked = { failures: 0, windowStart: now, lockedUntil: lockEnd(now, policy) }
    return { state: locked, waitSeconds: secondsLocked(locked, now) }
  }
  return {
    state: { failures, windowStart: windowOpen ? state.windowStart : now, lockedUntil: null },
    waitSeconds: 0,
  }
}

/** After a wrong password (already counted by `reserveAttempt`): the last allowed one locks. */
export function afterFailure(
  state: ThrottleState,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  if (state.lockedUntil || state.failures < policy.maxFailures) return state
  return { failures: 0, windowStart: now, lockedUntil: lockEnd(now, policy) }
}

/**
 * After a right password: the count starts again, unless other attempts locked the key
 * meanwhile (a burst that guessed right must not unlock the key for the rest of it).
 */
export function afterSuccess(state: ThrottleState, now: Date): ThrottleState | undefined {
  return secondsLocked(state, now) > 0 ? state : undefined
}

function lockEnd(now: Date, policy: ThrottlePolicy): Date {
  return new Date(now.getTime() + policy.lockMs)
}
