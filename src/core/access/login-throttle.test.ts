import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  afterFailure,
  afterSuccess,
  EMAIL_THROTTLE,
  reserveAttempt,
  secondsLocked,
  type ThrottleState,
} from './login-throttle.ts'

const t0 = new Date('2026-11-24T10:00:00Z')
const at = (ms: number) => new Date(t0.getTime() + ms)

/** One wrong password at `now`, the way the login command does it. */
function fail(state: ThrottleState | undefined, now: Date) {
  const reserved = reserveAttempt(state, now, EMAIL_THROTTLE)
  return reserved.waitSeconds > 0
    ? reserved.state
    : afterFailure(reserved.state, now, EMAIL_THROTTLE)
}

describe('login throttle', () => {
  it('locks a key after the fifth failure within the window, for the lock period', () => {
    let state: ThrottleState | undefined
    for (let i = 0; i < 4; i++) {
      state = fail(state, at(i * 1000))
      expect(secondsLocked(state, at(i * 1000))).toBe(0)
    }
    state = fail(state, at(5000))
    expect(secondsLocked(state, at(5000))).toBe(15 * 60)
    expect(secondsLocked(state, at(5000 + 15 * 60_000))).toBe(0)
  })

  it('forgets failures older than the window', () => {
    let state: ThrottleState | undefined
    for (let i = 0; i < 4; i++) state = fail(state, at(i))
    state = fail(state, at(16 * 60_000))
    expect(state.failures).toBe(1)
    expect(secondsLocked(state, at(16 * 60_000))).toBe(0)
  })

  it('lets only five of a burst of simultaneous attempts be checked, and the rest lock the key', () => {
    let state: ThrottleState | undefined
    const checked: number[] = []
    for (let i = 0; i < 40; i++) {
      const reserved = reserveAttempt(state, t0, EMAIL_THROTTLE)
      state = reserved.state
      if (reserved.waitSeconds === 0) checked.push(i)
    }
    expect(checked).toEqual([0, 1, 2, 3, 4])
    expect(secondsLocked(state, t0)).toBe(15 * 60)
  })

  it('starts the count again after a right password, unless the key got locked meanwhile', () => {
    const four = [0, 1, 2, 3].reduce<ThrottleState | undefined>((s, i) => fail(s, at(i)), undefined)
    const reserved = reserveAttempt(four, at(10), EMAIL_THROTTLE)
    expect(reserved.waitSeconds).toBe(0)
    expect(afterSuccess(reserved.state, at(10))).toBeUndefined()
    const locked = reserveAttempt({ ...reserved.state, failures: 5 }, at(11), EMAIL_THROTTLE).state
    expect(afterSuccess(locked, at(12))).toEqual(locked)
  })

  it('never locks for longer than the lock period, whatever the history', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 3_600_000 }), { maxLength: 50 }), (gaps) => {
        let state: ThrottleState | undefined
        let now = 0
        for (const gap of gaps) {
          now += gap
          state = fail(state, at(now))
          expect(secondsLocked(state, at(now))).toBeLessThanOrEqual(EMAIL_THROTTLE.lockMs / 1000)
        }
      }),
    )
  })
})
