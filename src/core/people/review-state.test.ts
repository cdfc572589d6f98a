import { describe, expect, it } from 'vitest'
import { reviewOnFollow } from './review-state.ts'

describe('a follower in review', () => {
  it('is known, not new, when found by the first full sync (the baseline)', () => {
    expect(reviewOnFollow({ previous: null, wasFollowing: false, baselineDone: false })).toBe(
      'known',
    )
  })

  it('is new before any full listing has ended when the network dates the follow after Sous began looking', () => {
    const watchingSince = new Date('2026-12-01T10:00:00Z')
    const first = { previous: null, wasFollowing: false, baselineDone: false, watchingSince }
    expect(reviewOnFollow({ ...first, followedAt: new Date('2026-12-01T10:00:05Z') })).toBe('new')
    expect(reviewOnFollow({ ...first, followedAt: new Date('2026-11-30T10:00:00Z') })).toBe('known')
    // No date from the network (Mastodon): whoever the first listing finds was there before.
    expect(reviewOnFollow(first)).toBe('known')
  })

  it('is new when they follow after the baseline', () => {
    expect(reviewOnFollow({ previous: null, wasFollowing: false, baselineDone: true })).toBe('new')
  })

  it('keeps a decision: a dismissed follower who leaves and follows again does not come back', () => {
    expect(reviewOnFollow({ previous: 'dismissed', wasFollowing: false, baselineDone: true })).toBe(
      'dismissed',
    )
    expect(
      reviewOnFollow({ previous: 'followed_back', wasFollowing: false, baselineDone: true }),
    ).toBe('followed_back')
  })

  it('stays as it was while they keep following, and is new again after leaving and returning', () => {
    expect(reviewOnFollow({ previous: 'known', wasFollowing: true, baselineDone: true })).toBe(
      'known',
    )
    expect(reviewOnFollow({ previous: 'known', wasFollowing: false, baselineDone: true })).toBe(
      'new',
    )
  })
})
