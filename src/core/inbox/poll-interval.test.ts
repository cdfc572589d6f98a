import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { DEFAULT_POLL, INBOX_SHARE, nextPollDelay, pollPlan } from './poll-interval.ts'

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

  it('is a catch-up only while a stream is connected, however active, and comes back at once', () => {
    const streaming = nextPollDelay({
      ...base,
      lastActivityAt: base.now,
      previousDelayMs: 15_000,
      limit: mastodon,
      streaming: true,
    })
    expect(streaming).toBe(DEFAULT_POLL.streamingMs)
    expect(
      nextPollDelay({
        ...base,
        lastActivityAt: base.now,
        previousDelayMs: streaming,
        limit: mastodon,
      }),
    ).toBe(DEFAULT_POLL.activeMs)
    expect(
      nextPollDelay({ ...base, lastActivityAt: null, previousDelayMs: streaming, limit: mastodon }),
    ).toBe(DEFAULT_POLL.quietMs)
  })

  it('names the pace, and whether the rate limit stretched it', () => {
    const input = { ...base, lastActivityAt: base.now, previousDelayMs: null, limit: bluesky }
    expect(pollPlan(input)).toEqual({ delayMs: 15_000, pace: 'active', limited: false })
    expect(pollPlan({ ...input, sharing: 200 })).toMatchObject({ pace: 'active', limited: true })
    expect(pollPlan({ ...input, streaming: true })).toMatchObject({ pace: 'streaming' })
  })

  it('stays within the inbox share of the limit at every pace (property)', () => {
    fc.assert(
      fc.property(
        fc.record({
          limit: fc.constantFrom(bluesky, mastodon),
          sharing: fc.integer({ min: 1, max: 1_000 }),
          requests: fc.integer({ min: 0, max: 50 }),
          sinceActivity: fc.option(fc.integer({ min: 0, max: 86_400_000 })),
          previousDelayMs: fc.option(fc.integer({ min: 1, max: 3_600_000 })),
          streaming: fc.boolean(),
        }),
        (c) => {
          const delay = nextPollDelay({
            ...base,
            ...c,
            lastActivityAt: c.sinceActivity === null ? null : base.now - c.sinceActivity,
          })
          const accounts = c.limit.per === 'ip' ? c.sharing : 1
          const perWindow = (accounts * Math.max(1, c.requests) * c.limit.windowMs) / delay
          expect(perWindow).toBeLessThanOrEqual(c.limit.requests * INBOX_SHARE + 1e-6)
          expect(delay).toBeGreaterThanOrEqual(DEFAULT_POLL.activeMs)
          if (c.streaming) expect(delay).toBeGreaterThanOrEqual(DEFAULT_POLL.streamingMs)
        },
      ),
    )
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
