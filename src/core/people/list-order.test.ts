import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { activityOf } from './activity.ts'
import { listOrder, orderCursor, parseOrderCursor } from './list-order.ts'
import { DAY_MS } from './profile-facts.ts'
import { incrementalPassDone, nextSyncKind, syncGapMs } from './sync-plan.ts'

describe('list order', () => {
  it('puts a later pass before an earlier one, and keeps the network order within a pass', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1_700_000_000, max: 4_000_000_000 }),
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        (seconds, later, a, b) => {
          const pass = new Date(seconds * 1000)
          const next = new Date((seconds + later) * 1000)
          expect(listOrder(next, b)).toBeGreaterThan(listOrder(pass, a))
          if (a < b) expect(listOrder(pass, a)).toBeGreaterThan(listOrder(pass, b))
          expect(Number.isSafeInteger(listOrder(next, b))).toBe(true)
        },
      ),
    )
  })

  it('reads back its cursors and refuses others', () => {
    const order = listOrder(new Date('2026-11-20T12:00:00Z'), 3)
    expect(parseOrderCursor(orderCursor(order, 'did:plc:abc'))).toEqual({
      order,
      profileId: 'did:plc:abc',
    })
    expect(parseOrderCursor('nonsense')).toBeNull()
    expect(parseOrderCursor('1e400.x')).toBeNull()
  })
})

describe('sync plan', () => {
  const now = new Date('2026-11-20T12:00:00Z')
  it('syncs fully first and daily, incrementally in between', () => {
    expect(nextSyncKind({ lastFullAt: null, now })).toBe('full')
    expect(nextSyncKind({ lastFullAt: new Date(now.getTime() - 3_600_000), now })).toBe(
      'incremental',
    )
    expect(nextSyncKind({ lastFullAt: new Date(now.getTime() - DAY_MS), now })).toBe('full')
  })

  it('stops an incremental pass at the first page with nobody new', () => {
    expect(incrementalPassDone({ newcomers: 0, listed: 100 })).toBe(true)
    expect(incrementalPassDone({ newcomers: 3, listed: 100 })).toBe(false)
    expect(incrementalPassDone({ newcomers: 0, listed: 0 })).toBe(true)
  })

  it("keeps to half of the network's documented limit", () => {
    expect(syncGapMs({ requests: 3000, windowMs: 300_000 })).toBe(200)
    expect(syncGapMs({ requests: 300, windowMs: 300_000 })).toBe(2_000)
    expect(syncGapMs(undefined)).toBe(1_000)
    // Bluesky's limit is per IP: three accounts syncing at once share it.
    const perIp = { requests: 3000, windowMs: 300_000, per: 'ip' as const }
    expect(syncGapMs(perIp, { syncingOnNetwork: 3 })).toBe(600)
    expect(syncGapMs({ ...perIp, per: 'account' }, { syncingOnNetwork: 3 })).toBe(200)
  })
})

describe('activity', () => {
  const now = new Date('2026-11-20T12:00:00Z')
  it('is silent after 90 days without a post, unknown until the last post is read', () => {
    const at = (days: number) => new Date(now.getTime() - days * DAY_MS)
    expect(activityOf({ lastPostAt: at(91), postsCount: 10 }, now)).toEqual({
      state: 'silent',
      days: 91,
    })
    expect(activityOf({ lastPostAt: at(3), postsCount: 10 }, now)).toEqual({
      state: 'active',
      days: 3,
    })
    expect(activityOf({ lastPostAt: null, postsCount: 0 }, now)).toEqual({ state: 'never_posted' })
    expect(activityOf({ lastPostAt: null, postsCount: null }, now)).toEqual({ state: 'unknown' })
  })
})
