import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { decideRetry } from './decide-retry.ts'

const policy = { baseDelayMs: 100, maxDelayMs: 10_000 }

describe('decideRetry', () => {
  it('retries with backoff until the last attempt, then gives up', () => {
    const half = () => 0
    expect(decideRetry({ attempt: 1, maxAttempts: 3 }, policy, half)).toEqual({
      retry: true,
      delayMs: 50,
    })
    expect(decideRetry({ attempt: 2, maxAttempts: 3 }, policy, half)).toEqual({
      retry: true,
      delayMs: 100,
    })
    expect(decideRetry({ attempt: 3, maxAttempts: 3 }, policy)).toEqual({ retry: false })
  })

  it('honours a requested delay exactly, even beyond the backoff maximum', () => {
    expect(decideRetry({ attempt: 1, maxAttempts: 5, requestedDelayMs: 90_000 }, policy)).toEqual({
      retry: true,
      delayMs: 90_000,
    })
  })

  it('never retries past maxAttempts, whatever was requested', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100 }),
        fc.integer({ min: 1, max: 100 }),
        fc.option(fc.nat(), { nil: undefined }),
        (attempt, maxAttempts, requestedDelayMs) => {
          const decision = decideRetry({ attempt, maxAttempts, requestedDelayMs }, policy)
          expect(decision.retry).toBe(attempt < maxAttempts)
        },
      ),
    )
  })
})
