import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { backoffCapMs, backoffDelayMs } from './backoff.ts'

const policyArb = fc
  .record({ baseDelayMs: fc.integer({ min: 1, max: 60_000 }), extra: fc.nat(3_600_000) })
  .map(({ baseDelayMs, extra }) => ({ baseDelayMs, maxDelayMs: baseDelayMs + extra }))
const attemptArb = fc.integer({ min: 1, max: 1_000 })
const randomArb = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true })

describe('backoffDelayMs', () => {
  it('doubles from the base delay and stops at the maximum', () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 10_000 }
    const caps = [1, 2, 3, 4, 5, 6].map((attempt) => backoffCapMs(attempt, policy))
    expect(caps).toEqual([1_000, 2_000, 4_000, 8_000, 10_000, 10_000])
  })

  it('lies between half the cap and the cap, never above the maximum', () => {
    fc.assert(
      fc.property(policyArb, attemptArb, randomArb, (policy, attempt, r) => {
        const cap = backoffCapMs(attempt, policy)
        const delay = backoffDelayMs(attempt, policy, () => r)
        expect(delay).toBeGreaterThanOrEqual(Math.floor(cap / 2))
        expect(delay).toBeLessThanOrEqual(cap)
        expect(delay).toBeLessThanOrEqual(policy.maxDelayMs)
      }),
    )
  })

  it('never shrinks the cap as attempts grow', () => {
    fc.assert(
      fc.property(policyArb, attemptArb, (policy, attempt) => {
        expect(backoffCapMs(attempt + 1, policy)).toBeGreaterThanOrEqual(
          backoffCapMs(attempt, policy),
        )
      }),
    )
  })

  it('spreads retries: the random half changes the delay', () => {
    const policy = { baseDelayMs: 1_000, maxDelayMs: 60_000 }
    expect(backoffDelayMs(3, policy, () => 0)).toBe(2_000)
    expect(backoffDelayMs(3, policy, () => 0.999_999)).toBe(4_000)
  })
})
