import { backoffDelayMs } from '../retry/backoff.ts'

const MINUTE = 60_000
const HOUR = 60 * MINUTE
const DAY = 24 * HOUR

export type PollPolicy = {
  /** Between polls when the feed says nothing about how often to come back. */
  defaultIntervalMs: number
  /** A feed's own `ttl` or `Cache-Control: max-age` is honoured within these bounds. */
  minIntervalMs: number
  maxIntervalMs: number
  /** Backoff after a failure doubles from here up to the maximum. */
  backoffBaseMs: number
  backoffMaxMs: number
  /** Failing this long, a source is marked failing and polled once per `failingIntervalMs`. */
  failingAfterMs: number
  failingIntervalMs: number
  /** The longest a `Retry-After` is obeyed. */
  maxRetryAfterMs: number
}

export const DEFAULT_POLL_POLICY: PollPolicy = {
  defaultIntervalMs: 30 * MINUTE,
  minIntervalMs: 10 * MINUTE,
  maxIntervalMs: DAY,
  backoffBaseMs: 15 * MINUTE,
  backoffMaxMs: 12 * HOUR,
  failingAfterMs: 3 * DAY,
  failingIntervalMs: DAY,
  maxRetryAfterMs: 7 * DAY,
}

/** What a successful answer said about coming back. */
export type FreshnessHints = { maxAgeSeconds?: number; ttlMinutes?: number }

export function nextPollAfterSuccess(
  now: Date,
  hints: FreshnessHints,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
): Date {
  const asked = [
    hints.maxAgeSeconds !== undefined ? hints.maxAgeSeconds * 1000 : undefined,
    hints.ttlMinutes !== undefined ? hints.ttlMinutes * MINUTE : undefined,
  ].filter((ms): ms is number => ms !== undefined && Number.isFinite(ms) && ms >= 0)
  const interval = asked.length
    ? clamp(Math.max(...asked), policy.minIntervalMs, policy.maxIntervalMs)
    : policy.defaultIntervalMs
  return new Date(now.getTime() + interval)
}

export type FailureState = {
  /** Failures in a row, this one included. */
  failures: number
  /** When the first of them happened. */
  failingSince: Date
  /** The server's Retry-After, if it gave one (429, 503). */
  retryAfterMs?: number
}

/**
 * When to try a failing source again: exponential backoff with equal jitter, never sooner
 * than the server's Retry-After (capped at a week); after `failingAfterMs` of failures the
 * source is marked failing and tried once a day until it answers.
 */
export function nextPollAfterFailure(
  now: Date,
  state: FailureState,
  policy: PollPolicy = DEFAULT_POLL_POLICY,
  random: () => number = Math.random,
): { at: Date; failing: boolean } {
  const failing = now.getTime() - state.failingSince.getTime() >= policy.failingAfterMs
  let delay = failing
    ? policy.failingIntervalMs
    : backoffDelayMs(
        state.failures,
        { baseDelayMs: policy.backoffBaseMs, maxDelayMs: policy.backoffMaxMs },
        random,
      )
  if (state.retryAfterMs !== undefined && state.retryAfterMs > 0) {
    delay = Math.max(delay, Math.min(state.retryAfterMs, policy.maxRetryAfterMs))
  }
  return { at: new Date(now.getTime() + delay), failing }
}

/** A Retry-After header (seconds or an HTTP date) as milliseconds from now; undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now: Date): number | undefined {
  if (!value) return undefined
  const trimmed = value.trim()
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000
  const at = Date.parse(trimmed)
  return Number.isNaN(at) ? undefined : Math.max(0, at - now.getTime())
}

/** `max-age` (or `s-maxage`) of a Cache-Control header, in seconds; `no-cache`/`no-store` count as 0. */
export function parseMaxAge(cacheControl: string | null | undefined): number | undefined {
  if (!cacheControl) return undefined
  const directives = cacheControl
    .toLowerCase()
    .split(',')
    .map((d) => d.trim())
  if (directives.some((d) => d === 'no-cache' || d === 'no-store')) return 0
  for (const name of ['s-maxage', 'max-age']) {
    const found = directives.find((d) => d.startsWith(`${name}=`))
    const seconds = found ? Number(found.slice(name.length + 1).replace(/"/g, '')) : Number.NaN
    if (Number.isFinite(seconds) && seconds >= 0) return seconds
  }
  return undefined
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value))
}
