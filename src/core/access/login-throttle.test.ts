import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterFailure,
  EMAIL_THROTTLE,
  secondsLocked,
  type ThrottleState,
} from './login-throttle.ts'

const t0 = new Date('2026-11-24T10:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

describe('login throttle', () => {
  it('locks a key after the fifth failure within the window, for the lock period', () => {
    let state: ThrottleState | undefined
    for (let i = 0; i < 4; i++) {
      state = afterFailure(state, at(i * 1000), EMAIL_THROTTLE)
      expect(secondsLocked(state, at(i * 1000))).toBe(0)
    }
    state = afterFailure(state, at(5000), EMAIL_THROTTLE)
    expect(secondsLocked(state, at(5000))).toBe(15 * 60)
    expect(secondsLocked(state, at(5000 + 15 * 60_000))).toBe(0)
  })

  it('forgets failures older than the window', () => {
    let state: ThrottleState | undefined
    for (let i = 0; i < 4; i++) state = afterFailure(state, at(i), EMAIL_THROTTLE)
    state = afterFailure(state, at(16 * 60_000), EMAIL_THROTTLE)
    expect(state.failures).toBe(1)
    expect(secondsLocked(state, at(16 * 60_000))).toBe(0)
  })

  it('never locks for longer than the lock period, whatever the history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 50 }), (gaps) => {
        let state: ThrottleState | undefined
        let now = 0
        for (const gap of gaps) {
          now += gap
          state = afterFailure(state, at(now), EMAIL_THROTTLE)
          expect(secondsLocked(state, at(now))).toBeLessThanOrEqual(EMAIL_THROTTLE.lockMs / 1000)
        }
      }),
    )
  })
})
