/**
 * A follower's place in review: `new` waits for a person's decision; `known` followed before
 * Sous first listed the account's followers (the first full sync is the baseline, so
 * connecting an account with 100,000 followers does not fill the queue with them);
 * `followed_back` and `dismissed` are decisions, and decisions stay.
 */
export const REVIEW_STATES = ['new', 'known', 'followed_back', 'dismissed'] as const
export type ReviewState = (typeof REVIEW_STATES)[number]

export type Decision = 'followed_back' | 'dismissed'

/**
 * The review state of someone found following the account. A decision is remembered (a
 * dismissed follower who leaves and follows again does not come back); someone following
 * again after leaving is new again once the baseline exists.
 */
export function reviewOnFollow(input: {
  previous: ReviewState | null
  /** They were already following at the last look. */
  wasFollowing: boolean
  baselineDone: boolean
  /** When they followed, where the network says (Bluesky's follow record key). */
  followedAt?: Date
  /** When Sous first began listing the account's followers. */
  watchingSince?: Date | null
}): ReviewState {
  const { previous, wasFollowing, baselineDone, followedAt, watchingSince } = input
  if (previous === 'followed_back' || previous === 'dismissed') return previous
  if (wasFollowing && previous) return previous
  if (baselineDone) return 'new'
  // Until a full listing has ended (it may be refused, or still on its first pages), whoever
  // it finds counts as there before, unless the network dates the follow after Sous began.
  return followedAt && watchingSince && followedAt >= watchingSince ? 'new' : 'known'
}
