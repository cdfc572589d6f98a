export type BackoffPolicy = {
  baseDelayMs: number
  maxDelayMs: number
}

/**
 * Exponential backoff with "equal jitter": the delay before retry `attempt` (1 = the first
 * retry) lies in [cap / 2, cap], cap = min(maxDelayMs, baseDelayMs × 2^(attempt − 1)).
 * Half the delay is guaranteed, so a failing job never spins; the random half spreads
 * workers that failed together.
 */
export function backoffDelayMs(
  attempt: number,
  policy: BackoffPolicy,
  random: () => number = Math.random,
): number {
  const cap = backoffCapMs(attempt, policy)
  return Math.round(cap / 2 + random() * (cap / 2))
}

/** The largest delay `backoffDelayMs` may return for this attempt. */
export function backoffCapMs(attempt: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, Math.min(attempt - 1, 52))
  return Math.max(0, Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** exponent))
}
