import { type BackoffPolicy, backoffDelayMs } from './backoff.ts'

export type RetryDecision = { retry: true; delayMs: number } | { retry: false }

/**
 * After failed attempt `attempt` (1-based) of `maxAttempts`: retry with backoff, or after
 * the delay the failure asked for (a Retry-After), or give up. Every attempt counts.
 */
export function decideRetry(
  input: { attempt: number; maxAttempts: number; requestedDelayMs?: number },
  policy: BackoffPolicy,
  random: () => number = Math.random,
): RetryDecision {
  if (input.attempt >= input.maxAttempts) return { retry: false }
  if (input.requestedDelayMs !== undefined) {
    return { retry: true, delayMs: Math.max(0, input.requestedDelayMs) }
  }
  return { retry: true, delayMs: backoffDelayMs(input.attempt, policy, random) }
}
