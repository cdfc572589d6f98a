import { listOrder } from './list-order.ts'
import { type ReviewState, reviewOnFollow } from './review-state.ts'

export type ListedProfile = {
  id: string
  handle: string
  displayName: string
  bio: string
  avatarUrl?: string
  url?: string
  createdAt?: string
  postsCount?: number
  followersCount?: number
  followingCount?: number
  lastPostAt?: string
  /** Followers: when they followed, where the network says. */
  followedAt?: string
}

/** What the store knows of a listed profile before this page. */
export type KnownRelation = {
  profileId: string
  /** Following us (followers list) or followed by us (follows list) at the last look. */
  inList: boolean
  order: number | null
  review: ReviewState | null
}

export type PlannedRow = {
  profile: ListedProfile
  /** Counts came with the list (Mastodon's lists carry them; Bluesky's do not). */
  hasContext: boolean
  order: number
  /** Followers only. */
  review: ReviewState | null
  newcomer: boolean
}

/**
 * Rows for one listed page. Someone not in the list at the last look is a newcomer and gets
 * a fresh order (they are the newest); the rest keep theirs. A page may repeat a profile
 * (lists shift while they are read): the first occurrence wins.
 */
export function planPeoplePage(input: {
  list: 'followers' | 'follows'
  items: ListedProfile[]
  known: KnownRelation[]
  passStartedAt: Date
  /** How many the pass listed before this page: the page's place in the network's order. */
  position: number
  baselineDone: boolean
  /** When Sous first began listing this list: a follow dated after it is never the baseline. */
  watchingSince: Date | null
}): PlannedRow[] {
  const known = new Map(input.known.map((k) => [k.profileId, k]))
  const seen = new Set<string>()
  const rows: PlannedRow[] = []
  input.items.forEach((profile, index) => {
    if (seen.has(profile.id)) return
    seen.add(profile.id)
    const before = known.get(profile.id)
    const newcomer = !before?.inList
    rows.push({
      profile,
      hasContext: profile.postsCount !== undefined,
      order:
        newcomer || before?.order == null
          ? listOrder(input.passStartedAt, input.position + index)
          : before.order,
      review:
        input.list === 'followers'
          ? reviewOnFollow({
              previous: before?.review ?? null,
              wasFollowing: !newcomer,
              baselineDone: input.baselineDone,
              followedAt: profile.followedAt ? new Date(profile.followedAt) : undefined,
              watchingSince: input.watchingSince,
            })
          : null,
      newcomer,
    })
  })
  return rows
}
