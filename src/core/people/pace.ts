import { formatAge } from './profile-facts.ts'

/**
 * How fast a person may follow and unfollow: one act at a time with a pause between, and a
 * daily cap per account well below what the networks allow (Mastodon throttles follows at
 * 400 a day, X at 400, Bluesky's write budget allows thousands), so Sous cannot be used to
 * behave like the follow/unfollow bots it replaces.
 */
export const PEOPLE_PACE = {
  /** Between two follows or unfollows by one person, on any account. */
  minGapMs: 5_000,
  /** Follows and unfollows on one account by everyone, in any 24 hours. */
  perAccountPerDay: 100,
  windowMs: 24 * 60 * 60_000,
} as const

export type Pace = { minGapMs: number; perAccountPerDay: number; windowMs: number }

export type PaceFacts = {
  /** The person's latest follow or unfollow (any account), if any. */
  personLastAt: Date | null
  /** The account's follows and unfollows within the window, oldest first. */
  accountRecent: Date[]
  now: Date
}

export type PaceDecision =
  | { allowed: true }
  | { allowed: false; retryAfterMs: number; reason: string }

export function decidePace(facts: PaceFacts, pace: Pace = PEOPLE_PACE): PaceDecision {
  const now = facts.now.getTime()
  const inWindow = facts.accountRecent.filter((at) => now - at.getTime() < pace.windowMs)
  if (inWindow.length >= pace.perAccountPerDay) {
    const oldest = inWindow[inWindow.length - pace.perAccountPerDay] as Date
    const retryAfterMs = oldest.getTime() + pace.windowMs - now
    return {
      allowed: false,
      retryAfterMs,
      reason: `This account has followed or unfollowed ${pace.perAccountPerDay} people in the last 24 hours, the most Sous allows: more looks like a bot to the networks and to people. The next one is possible in ${formatAge(retryAfterMs)}.`,
    }
  }
  if (facts.personLastAt) {
    const since = now - facts.personLastAt.getTime()
    if (since < pace.minGapMs) {
      const retryAfterMs = pace.minGapMs - since
      return {
        allowed: false,
        retryAfterMs,
        reason: `One person at a time: your last follow or unfollow was ${Math.max(0, Math.floor(since / 1000))} s ago. Wait ${Math.ceil(retryAfterMs / 1000)} s.`,
      }
    }
  }
  return { allowed: true }
}
