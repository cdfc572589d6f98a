import { DAY_MS, type ProfileFacts } from './profile-facts.ts'

/** "Silent": no post for this long (the following list's `inactive` filter). */
export const SILENT_AFTER_DAYS = 90

export type Activity =
  | { state: 'unknown' }
  | { state: 'never_posted' }
  | { state: 'active'; days: number }
  | { state: 'silent'; days: number }

/** How long since the profile last posted, when that is known. */
export function activityOf(
  facts: Pick<ProfileFacts, 'postsCount' | 'lastPostAt'>,
  now: Date,
  silentAfterDays = SILENT_AFTER_DAYS,
): Activity {
  if (facts.lastPostAt) {
    const days = Math.floor((now.getTime() - facts.lastPostAt.getTime()) / DAY_MS)
    return days >= silentAfterDays ? { state: 'silent', days } : { state: 'active', days }
  }
  if (facts.postsCount === 0) return { state: 'never_posted' }
  return { state: 'unknown' }
}

/** The moment before which a last post counts as silent. */
export function silentBefore(now: Date, silentAfterDays = SILENT_AFTER_DAYS): Date {
  return new Date(now.getTime() - silentAfterDays * DAY_MS)
}
