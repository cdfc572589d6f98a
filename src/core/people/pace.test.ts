import { describe, expect, it } from 'vitest'
import { decidePace, PEOPLE_PACE } from './pace.ts'

const now = new Date('2026-11-20T12:00:00Z')
const ago = (ms: number) => new Date(now.getTime() - ms)

describe('the pace of follows and unfollows', () => {
  it('lets a first act through', () => {
    expect(decidePace({ personLastAt: null, accountRecent: [], now })).toEqual({ allowed: true })
  })

  it('asks a person to wait a few seconds between two acts, saying how long', () => {
    const decision = decidePace({ personLastAt: ago(2_000), accountRecent: [ago(2_000)], now })
    expect(decision).toEqual({
      allowed: false,
      retryAfterMs: 3_000,
      reason: 'One person at a time: your last follow or unfollow was 2 s ago. Wait 3 s.',
    })
    expect(decidePace({ personLastAt: ago(5_000), accountRecent: [], now }).allowed).toBe(true)
  })

  it('stops an account at its daily cap until the oldest act of the day is 24 hours old', () => {
    const hour = 60 * 60_000
    const recent = Array.from({ length: PEOPLE_PACE.perAccountPerDay }, (_, i) =>
      ago(23 * hour - i * 60_000),
    )
    const decision = decidePace({ personLastAt: ago(hour), accountRecent: recent, now })
    expect(decision.allowed).toBe(false)
    if (decision.allowed) return
    expect(decision.retryAfterMs).toBe(hour)
    expect(decision.reason).toContain('100 people in the last 24 hours')
    expect(decision.reason).toContain('possible in 1 hour')
  })

  it('forgets acts older than a day', () => {
    const old = Array.from({ length: 150 }, () => ago(25 * 60 * 60_000))
    expect(decidePace({ personLastAt: null, accountRecent: old, now }).allowed).toBe(true)
  })
})
