import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  DEFAULT_DELIVERY_POLICY,
  type DeliveryFacts,
  decideAfterAttempt,
  decideAtClaim,
} from './delivery-state.ts'
import type { NetworkFailure } from './network-failure.ts'

const now = Date.parse('2026-11-24T10:00:00Z')
const due: DeliveryFacts = { state: 'scheduled', dueAt: now - 1_000, attempts: 0, reconcile: false }

describe('claiming a delivery', () => {
  it('goes out when approved and unbraked', () => {
    expect(decideAtClaim(due, { now, braked: null, approved: true })).toEqual({ state: 'claimed' })
  })

  it('waits for a person when braked, unapproved or far too late — never a late surprise', () => {
    expect(decideAtClaim(due, { now, braked: 'crisis watch', approved: true })).toMatchObject({
      state: 'needs_review',
      error: expect.stringContaining('crisis watch'),
    })
    expect(decideAtClaim(due, { now, braked: null, approved: false }).state).toBe('needs_review')
    const stale = { ...due, dueAt: now - 60 * 60_000 }
    expect(decideAtClaim(stale, { now, braked: null, approved: true })).toMatchObject({
      state: 'needs_review',
      error: 'It would go out 60 minutes late',
    })
  })

  it('lets a retry go past the late tolerance: its lateness came from the network', () => {
    const retrying = { ...due, dueAt: now - 60 * 60_000, attempts: 3, state: 'retry_wait' as const }
    expect(decideAtClaim(retrying, { now, braked: null, approved: true }).state).toBe('claimed')
  })
})

describe('after an attempt', () => {
  const fail = (failure: NetworkFailure, facts = due) =>
    decideAfterAttempt(facts, { failure }, now, DEFAULT_DELIVERY_POLICY, () => 0.5)

  it('stores where it was published', () => {
    expect(
      decideAfterAttempt(due, { published: { uri: 'at://x', url: 'https://x' } }, now),
    ).toEqual({
      state: 'published',
      uri: 'at://x',
      url: 'https://x',
    })
  })

  it('sends a delivery stopped by the brake at the last check to review, saying nothing was sent', () => {
    expect(decideAfterAttempt(due, { braked: 'Crisis' }, now)).toEqual({
      state: 'needs_review',
      error: 'The brake came on as it was about to go; nothing was sent: Crisis',
    })
  })

  it('waits at least as long as a transient failure’s Retry-After asks', () => {
    const asked = fail({ kind: 'transient', message: '503', retryAfterMs: 120_000 })
    expect(asked).toMatchObject({ state: 'retry_wait', runAt: now + 120_000 })
    const unasked = fail({ kind: 'transient', message: '503' })
    expect(unasked.state === 'retry_wait' && unasked.runAt - now).toBeLessThan(120_000)
  })

  it('fails a rejection with the reason, holds on expired credentials', () => {
    expect(fail({ kind: 'rejected', reason: 'text too long' })).toEqual({
      state: 'failed',
      error: 'The network refused it: text too long',
    })
    expect(fail({ kind: 'auth_expired', message: 'token revoked' }).state).toBe('held')
  })

  it('honours the retry time of a rate limit without spending attempts', () => {
    const facts = { ...due, attempts: DEFAULT_DELIVERY_POLICY.maxAttempts + 5 }
    expect(
      fail({ kind: 'rate_limited', retryAfterMs: 42_000, message: '429' }, facts),
    ).toMatchObject({
      state: 'retry_wait',
      runAt: now + 42_000,
    })
  })

  it('reconciles before retrying after an unknown outcome, and never guesses at the end', () => {
    const first = fail({ kind: 'unknown_outcome', message: 'socket hang up' })
    expect(first).toMatchObject({ state: 'retry_wait', reconcile: true })
    const last = fail(
      { kind: 'transient', message: '502' },
      { ...due, attempts: 7, reconcile: true },
    )
    expect(last.state).toBe('needs_review')
    const plain = fail({ kind: 'transient', message: '502' }, { ...due, attempts: 7 })
    expect(plain).toMatchObject({ state: 'failed', error: 'Gave up after 8 attempts: 502' })
  })

  it('property: a transient failure always waits a positive, bounded time or stops', () => {
    fc.assert(
      fc.property(
        fc.nat(20),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (attempts, r) => {
          const d = decideAfterAttempt(
            { ...due, attempts },
            { failure: { kind: 'transient', message: 'x' } },
            now,
            DEFAULT_DELIVERY_POLICY,
            () => r,
          )
          if (d.state === 'retry_wait') {
            expect(d.runAt).toBeGreaterThan(now)
            expect(d.runAt - now).toBeLessThanOrEqual(DEFAULT_DELIVERY_POLICY.backoff.maxDelayMs)
          } else {
            expect(attempts + 1).toBeGreaterThanOrEqual(DEFAULT_DELIVERY_POLICY.maxAttempts)
          }
        },
      ),
    )
  })
})
