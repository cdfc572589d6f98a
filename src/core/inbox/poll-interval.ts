/**
 * How long to wait before reading an account's notifications again: soon while a
 * conversation is active, backing off while it is quiet, seldom while a stream brings each
 * notification as it happens (the poll is then only a catch-up), and never faster than the
 * account's share of the network's rate limit allows.
 */
export type PollPolicy = {
  activeMs: number
  quietMs: number
  /** How long after the last message in or out a conversation counts as active. */
  activeForMs: number
  /** While the account's stream is connected: a catch-up for anything a stream could miss. */
  streamingMs: number
}

export const DEFAULT_POLL: PollPolicy = {
  activeMs: 15_000,
  quietMs: 5 * 60_000,
  activeForMs: 15 * 60_000,
  streamingMs: 15 * 60_000,
}

/** The share of a rate limit the inbox may use: the rest is for publishing and people's reads. */
export const INBOX_SHARE = 0.2

export type RateLimit = { requests: number; windowMs: number; per: 'ip' | 'account' }

export type PollPace = 'streaming' | 'active' | 'quiet'

export function nextPollDelay(input: {
  policy: PollPolicy
  now: number
  /** The last message in (an item read) or out (our post or reply published) on the account. */
  lastActivityAt: number | null
  previousDelayMs: number | null
  /** Requests the last poll made (pages read). */
  requests: number
  limit: RateLimit
  /** Accounts polled from this instance through the same limit (all of them for a per-IP limit). */
  sharing: number
  /** The account's stream is connected now. */
  streaming?: boolean
}): number {
  return pollPlan(input).delayMs
}

/** The delay and the pace that chose it (`limited`: the rate limit asked for longer). */
export function pollPlan(input: Parameters<typeof nextPollDelay>[0]): {
  delayMs: number
  pace: PollPace
  limited: boolean
} {
  const { policy, now, lastActivityAt, previousDelayMs, limit } = input
  const active = lastActivityAt !== null && now - lastActivityAt < policy.activeForMs
  const pace: PollPace = input.streaming ? 'streaming' : active ? 'active' : 'quiet'
  // Quiet backs off by doubling from wherever it stands, so a stream's long wait comes back
  // to quiet's pace at once when the stream goes.
  const wanted =
    pace === 'streaming'
      ? policy.streamingMs
      : pace === 'active'
        ? policy.activeMs
        : Math.min(
            policy.quietMs,
            Math.max(policy.activeMs, (previousDelayMs ?? policy.activeMs) * 2),
          )
  const sharing = limit.per === 'ip' ? Math.max(1, input.sharing) : 1
  const budgetPerMs = (limit.requests * INBOX_SHARE) / limit.windowMs / sharing
  const floor = Math.max(1, input.requests) / budgetPerMs
  return { delayMs: Math.ceil(Math.max(wanted, floor)), pace, limited: floor > wanted }
}
