/**
 * How long to wait before reading an account's notifications again: soon while a
 * conversation is active, backing off while it is quiet, never faster than the account's
 * share of the network's rate limit allows.
 */
export type PollPolicy = { activeMs: number; quietMs: number; activeForMs: number }

export const DEFAULT_POLL: PollPolicy = {
  activeMs: 15_000,
  quietMs: 5 * 60_000,
  activeForMs: 15 * 60_000,
}

/** The share of a rate limit the inbox may use: the rest is for publishing and people's reads. */
export const INBOX_SHARE = 0.2

export type RateLimit = { requests: number; windowMs: number; per: 'ip' | 'account' }

export function nextPollDelay(input: {
  policy: PollPolicy
  now: number
  lastActivityAt: number | null
  previousDelayMs: number | null
  /** Requests the last poll made (pages read). */
  requests: number
  limit: RateLimit
  /** Accounts polled from this instance through the same limit (all of them for a per-IP limit). */
  sharing: number
}): number {
  const { policy, now, lastActivityAt, previousDelayMs, limit } = input
  const active = lastActivityAt !== null && now - lastActivityAt < policy.activeForMs
  const wanted = active
    ? policy.activeMs
    : Math.min(policy.quietMs, Math.max(policy.activeMs, (previousDelayMs ?? policy.activeMs) * 2))
  const sharing = limit.per === 'ip' ? Math.max(1, input.sharing) : 1
  const budgetPerMs = (limit.requests * INBOX_SHARE) / limit.windowMs / sharing
  const floor = Math.max(1, input.requests) / budgetPerMs
  return Math.ceil(Math.max(wanted, floor))
}
