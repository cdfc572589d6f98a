/** What is known of a network profile, as the pure rules read it; unknown is null. */
export type ProfileFacts = {
  handle: string
  displayName: string
  bio: string
  avatarUrl: string | null
  createdAt: Date | null
  postsCount: number | null
  followersCount: number | null
  followingCount: number | null
  lastPostAt: Date | null
}

export const DAY_MS = 24 * 60 * 60_000

const numbers = new Intl.NumberFormat('en-US')

/** 4800 → "4,800": reasons are read by people. */
export function formatCount(value: number): string {
  return numbers.format(value)
}

/** "2 days", "1 day", "5 hours", "3 minutes". */
export function formatAge(ms: number): string {
  const plural = (n: number, unit: string) => `${n} ${unit}${n === 1 ? '' : 's'}`
  if (ms >= DAY_MS) return plural(Math.floor(ms / DAY_MS), 'day')
  if (ms >= 60 * 60_000) return plural(Math.floor(ms / (60 * 60_000)), 'hour')
  return plural(Math.max(0, Math.floor(ms / 60_000)), 'minute')
}
