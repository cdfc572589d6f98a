import { type BackoffPolicy, backoffDelayMs } from '../retry/backoff.ts'
import type { NetworkFailure } from './network-failure.ts'

/**
 * A delivery is one variant (or one thread segment) on its way to one account. Its state
 * machine is pure: the engine feeds it facts (claim time, brake, the adapter's outcome)
 * and stores what it decides, in the same transaction as the audit entry.
 */
export const DELIVERY_STATES = [
  'scheduled',
  'claimed',
  'published',
  'retry_wait',
  'held',
  'needs_review',
  'failed',
] as const
export type DeliveryState = (typeof DELIVERY_STATES)[number]

export type DeliveryFacts = {
  state: DeliveryState
  dueAt: number
  attempts: number
  /** Set after an unknown outcome: the next attempt first asks the network what happened. */
  reconcile: boolean
}

export type DeliveryPolicy = {
  /** Transient failures retry this many times in all before the delivery fails. */
  maxAttempts: number
  backoff: BackoffPolicy
  /** How late a claim may be and still publish without a person looking again. */
  lateToleranceMs: number
}

export const DEFAULT_DELIVERY_POLICY: DeliveryPolicy = {
  maxAttempts: 8,
  backoff: { baseDelayMs: 5_000, maxDelayMs: 15 * 60_000 },
  lateToleranceMs: 15 * 60_000,
}

export type Decision =
  | { state: 'claimed' }
  | { state: 'published'; uri: string; url: string }
  | { state: 'retry_wait'; runAt: number; error: string; reconcile: boolean }
  | { state: 'held'; error: string }
  | { state: 'needs_review'; error: string }
  | { state: 'failed'; error: string }

/**
 * At claim time: publish only what is approved, unbraked and not stale. A delivery whose
 * moment passed while it could not go (brake, missing approval, long outage) waits for a
 * person instead of going out late by surprise.
 */
export function decideAtClaim(
  facts: DeliveryFacts,
  context: { now: number; braked: string | null; approved: boolean },
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
): Decision {
  if (context.braked)
    return {
      state: 'needs_review',
      error: `Its time came while the brake was on: ${context.braked}`,
    }
  if (!context.approved)
    return { state: 'needs_review', error: 'Its time came before anyone approved it' }
  const lateBy = context.now - facts.dueAt
  if (lateBy > policy.lateToleranceMs && facts.attempts === 0) {
    return {
      state: 'needs_review',
      error: `It would go out ${Math.round(lateBy / 60_000)} minutes late`,
    }
  }
  return { state: 'claimed' }
}

/**
 * What one attempt came back with: the post, the adapter's one closed-set failure, or a
 * brake found engaged by the last check right before sending (nothing was sent).
 */
export type AttemptOutcome =
  | { published: { uri: string; url: string } }
  | { failure: NetworkFailure }
  | { braked: string }

/** After an attempt: its outcome decides what happens next. */
export function decideAfterAttempt(
  facts: DeliveryFacts,
  outcome: AttemptOutcome,
  now: number,
  policy: DeliveryPolicy = DEFAULT_DELIVERY_POLICY,
  random: () => number = Math.random,
): Decision {
  if ('published' in outcome) return { state: 'published', ...outcome.published }
  if ('braked' in outcome)
    return {
      state: 'needs_review',
      error: `The brake came on as it was about to go; nothing was sent: ${outcome.braked}`,
    }
  const failure = outcome.failure
  const attempts = facts.attempts + 1
  switch (failure.kind) {
    case 'rejected':
      return { state: 'failed', error: `The network refused it: ${failure.reason}` }
    case 'auth_expired':
      return { state: 'held', error: `Held until the account is reconnected: ${failure.message}` }
    case 'rate_limited':
      // Waiting out a rate limit is not a failed attempt: it never exhausts the retries.
      return {
        state: 'retry_wait',
        runAt: now + Math.max(1_000, failure.retryAfterMs),
        error: `Rate limited; retrying when the network allows: ${failure.message}`,
        reconcile: facts.reconcile,
      }
    case 'transient':
    case 'unknown_outcome': {
      const reconcile = facts.reconcile || failure.kind === 'unknown_outcome'
      if (attempts >= policy.maxAttempts) {
        return reconcile
          ? {
              state: 'needs_review',
              error: `No answer after ${attempts} attempts; it may or may not be published: check the account`,
            }
          : { state: 'failed', error: `Gave up after ${attempts} attempts: ${failure.message}` }
      }
      return {
        state: 'retry_wait',
        // The server's own Retry-After (a 503 in maintenance) is a floor under the backoff.
        runAt:
          now +
          Math.max(
            backoffDelayMs(attempts, policy.backoff, random),
            failure.kind === 'transient' ? (failure.retryAfterMs ?? 0) : 0,
          ),
        error: `Attempt ${attempts} failed (${failure.message}); retrying`,
        reconcile,
      }
    }
  }
}
