import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  nextPollAfterFailure,
  nextPollAfterSuccess,
  DEFAULT_POLL_POLICY as P,
  parseMaxAge,
  parseRetryAfter,
} from './poll-schedule.ts'

const now = new Date('2026-03-03T12:00:00Z')
const delayOf = (d: Date) => d.getTime() - now.getTime()

describe('when to poll again', () => {
  it('honours ttl and max-age within bounds, else the default', () => {
    expect(delayOf(nextPollAfterSuccess(now, {}))).toBe(P.defaultIntervalMs)
    expect(delayOf(nextPollAfterSuccess(now, { ttlMinutes: 120 }))).toBe(120 * 60_000)
    expect(delayOf(nextPollAfterSuccess(now, { maxAgeSeconds: 5 }))).toBe(P.minIntervalMs)
    expect(delayOf(nextPollAfterSuccess(now, { maxAgeSeconds: 30 * 86_400 }))).toBe(P.maxIntervalMs)
  })

  it('backs off exponentially, never before Retry-After, and marks a source failing after days', () => {
    const first = nextPollAfterFailure(now, { failures: 1, failingSince: now }, P, () => 1)
    const third = nextPollAfterFailure(now, { failures: 3, failingSince: now }, P, () => 1)
    expect(delayOf(third.at)).toBe(4 * delayOf(first.at))
    expect(first.failing).toBe(false)
    const asked = nextPollAfterFailure(
      now,
      { failures: 1, failingSince: now, retryAfterMs: 5 * 3.6e6 },
      P,
      () => 0,
    )
    expect(delayOf(asked.at)).toBe(5 * 3.6e6)
    const days = nextPollAfterFailure(
      now,
      { failures: 40, failingSince: new Date(now.getTime() - 4 * 86_400_000) },
      P,
    )
    expect(days).toEqual({ at: new Date(now.getTime() + P.failingIntervalMs), failing: true })
  })

  it('never schedules a failing source sooner than half its backoff, nor later than a week', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 500 }),
        fc.nat(10 * 86_400_000),
        fc.option(fc.nat(30 * 86_400_000)),
        (failures, since, retryAfterMs) => {
          const next = nextPollAfterFailure(now, {
            failures,
            failingSince: new Date(now.getTime() - since),
            retryAfterMs: retryAfterMs ?? undefined,
          })
          expect(delayOf(next.at)).toBeGreaterThanOrEqual(P.backoffBaseMs / 2)
          expect(delayOf(next.at)).toBeLessThanOrEqual(P.maxRetryAfterMs)
        },
      ),
    )
  })

  it('reads Retry-After and Cache-Control', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000)
    expect(parseRetryAfter('Tue, 03 Mar 2026 13:00:00 GMT', now)).toBe(3.6e6)
    expect(parseRetryAfter('soon', now)).toBeUndefined()
    expect(parseMaxAge('public, max-age=600')).toBe(600)
    expect(parseMaxAge('max-age=60, s-maxage=900')).toBe(900)
    expect(parseMaxAge('no-cache')).toBe(0)
    expect(parseMaxAge(null)).toBeUndefined()
  })
})
