import { describe, expect, it } from 'vitest'
import { DEFAULT_POLL, nextPollDelay } from './poll-interval.ts'

const bluesky = { requests: 3_000, windowMs: 300_000, per: 'ip' as const }
const mastodon = { requests: 300, windowMs: 300_000, per: 'account' as const }
const base = { policy: DEFAULT_POLL, now: 1_000_000_000, requests: 1, sharing: 1 }

describe('the polling interval', () => {
  it('is short while a conversation is active and backs off to five minutes when quiet', () => {
    expect(
      nextPollDelay({
        ...base,
        lastActivityAt: base.now - 60_000,
        previousDelayMs: null,
        limit: mastodon,
      }),
    ).toBe(15_000)
    let delay: number | null = 15_000
    for (let i = 0; i < 10; i++)
      delay = nextPollDelay({
        ...base,
        lastActivityAt: null,
        previousDelayMs: delay,
        limit: mastodon,
      })
    expect(delay).toBe(300_000)
  })

  it('keeps 200 Bluesky accounts on one IP within a fifth of 3,000 requests per 5 minutes', () => {
    const delay = nextPollDelay({
      ...base,
      lastActivityAt: base.now,
      previousDelayMs: null,
      limit: bluesky,
      sharing: 200,
    })
    const requestsPerWindow = (200 * 300_000) / delay
    expect(requestsPerWindow).toBeLessThanOrEqual(600)
  })

  it('spaces a poll that read many pages further apart', () => {
    const one = nextPollDelay({
      ...base,
      lastActivityAt: base.now,
      previousDelayMs: null,
      limit: mastodon,
    })
    const many = nextPollDelay({
      ...base,
      lastActivityAt: base.now,
      previousDelayMs: null,
      limit: mastodon,
      requests: 20,
    })
    expect(many).toBeGreaterThan(one)
    expect((20 * 300_000) / many).toBeLessThanOrEqual(60)
  })
})
