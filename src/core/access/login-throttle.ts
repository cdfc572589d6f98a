/** Failed-login throttling, pure: the store keeps one `ThrottleState` per key (an email or an IP). */
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

export function afterFailure(
  state: ThrottleState | undefined,
  now: Date,
  policy: ThrottlePolicy,
): ThrottleState {
  const windowOpen = state && now.getTime() - state.windowStart.getTime() < policy.windowMs
  const failures = windowOpen ? state.failures + 1 : 1
  const windowStart = windowOpen ? state.windowStart : now
  const lockedUntil =
    failures >= policy.maxFailures ? new Date(now.getTime() + policy.lockMs) : null
  return lockedUntil
    ? { failures: 0, windowStart: now, lockedUntil }
    : { failures, windowStart, lockedUntil: null }
}
