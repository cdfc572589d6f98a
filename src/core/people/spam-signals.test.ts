import { describe, expect, it } from 'vitest'
import { DAY_MS, type ProfileFacts } from './profile-facts.ts'
import { spamSignals } from './spam-signals.ts'

const now = new Date('2026-11-20T12:00:00Z')
const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS)

const person: ProfileFacts = {
  handle: 'ada.example.com',
  displayName: 'Ada',
  bio: 'Bakes bread, writes about flour.',
  avatarUrl: 'https://cdn.example/ada.jpg',
  createdAt: daysAgo(900),
  postsCount: 1200,
  followersCount: 340,
  followingCount: 280,
  lastPostAt: daysAgo(1),
}

describe('spam and bot signals', () => {
  it('says nothing about an ordinary person', () => {
    expect(spamSignals(person, now)).toEqual({ level: 'none', score: 0, signals: [], summary: '' })
  })

  it('explains a fresh mass-follower with no posts the way the issue says it', () => {
    const verdict = spamSignals(
      { ...person, createdAt: daysAgo(2), followingCount: 4800, followersCount: 12, postsCount: 0 },
      now,
    )
    expect(verdict.level).toBe('likely')
    expect(verdict.summary).toBe(
      'account 2 days old, follows about 2,400 a day, follows 4,800, followed by 12, no posts',
    )
    expect(verdict.signals.map((s) => s.code)).toEqual([
      'new_account',
      'follow_rate',
      'follows_many',
      'few_follow_back',
      'no_posts',
    ])
  })

  it.each([
    [{ createdAt: daysAgo(0.2) }, 'account 4 hours old', 'some'],
    [{ createdAt: daysAgo(20) }, 'account 20 days old', 'none'],
    [{ followingCount: 1500, followersCount: 900 }, 'follows 1,500', 'none'],
    [{ followingCount: 300, followersCount: 3 }, 'followed by 3', 'none'],
    [{ postsCount: 0, lastPostAt: null }, 'no posts', 'none'],
    [{ bio: '', avatarUrl: null, displayName: '' }, 'no name, bio or picture', 'none'],
    [{ handle: 'user83920193.bsky.social' }, 'handle ends in 8 digits', 'none'],
    [{ handle: 'growth4821734@mastodon.social' }, 'handle ends in 7 digits', 'none'],
    [{ bio: 'Crypto tips. F4F always!' }, 'bio asks for follow-backs ("F4F")', 'some'],
    [{ bio: 'I follow back everyone' }, 'bio asks for follow-backs ("follow back")', 'some'],
    [{ bio: 'DM for promo' }, 'bio asks for follow-backs ("DM for promo")', 'some'],
  ] as const)('%o → "%s"', (change, reason, level) => {
    const verdict = spamSignals({ ...person, ...change }, now)
    expect(verdict.summary).toBe(reason)
    expect(verdict.level).toBe(level)
  })

  it('raises nothing from facts not read yet (counts unknown until the profile is fetched)', () => {
    const unknown = {
      ...person,
      createdAt: null,
      postsCount: null,
      followersCount: null,
      followingCount: null,
    }
    expect(spamSignals(unknown, now).signals).toEqual([])
  })

  it('does not read a year in a handle as a generated number', () => {
    expect(spamSignals({ ...person, handle: 'bakery2026.example' }, now).signals).toEqual([])
  })
})
