import { DAY_MS, formatAge, formatCount, type ProfileFacts } from './profile-facts.ts'

export type SignalCode =
  | 'new_account'
  | 'follow_rate'
  | 'follows_many'
  | 'few_follow_back'
  | 'no_posts'
  | 'empty_profile'
  | 'generated_handle'
  | 'follow_back_bait'

/** One reason to doubt a profile, said the way a person would say it. */
export type Signal = { code: SignalCode; weight: number; reason: string }

export type SpamLevel = 'none' | 'some' | 'likely'

export type SpamVerdict = {
  level: SpamLevel
  score: number
  signals: Signal[]
  /** The reasons in one line, e.g. "account 2 days old, follows 4,800, no posts". */
  summary: string
}

/** Words in a bio that ask for follows rather than offer anything to read. */
const BAIT =
  /\b(f4f|follow\s*4\s*follow|follow\s*for\s*follow|follow\s*back|followback|teamfollowback|gain\s+followers|dm\s+(me\s+)?for\s+(promo|promotion|collab))\b/i

const LIKELY_FROM = 4
const SOME_FROM = 2

/**
 * Spam and bot signals of a profile, each with its reason. They are hints for the person
 * deciding, never a decision: nothing is followed, dismissed or hidden because of them.
 * A fact that is not known yet (counts not read) raises no signal.
 */
export function spamSignals(facts: ProfileFacts, now: Date): SpamVerdict {
  const signals: Signal[] = []
  const add = (code: SignalCode, weight: number, reason: string) =>
    signals.push({ code, weight, reason })
  const ageMs = facts.createdAt ? now.getTime() - facts.createdAt.getTime() : null
  const following = facts.followingCount
  const followers = facts.followersCount

  if (ageMs !== null && ageMs < 30 * DAY_MS) {
    add('new_account', ageMs < 7 * DAY_MS ? 2 : 1, `account ${formatAge(ageMs)} old`)
  }
  if (ageMs !== null && following !== null && following >= 500) {
    const perDay = following / Math.max(1, ageMs / DAY_MS)
    if (perDay >= 100)
      add('follow_rate', 2, `follows about ${formatCount(Math.round(perDay))} a day`)
  }
  if (following !== null && following >= 1000)
    add('follows_many', 1, `follows ${formatCount(following)}`)
  if (following !== null && followers !== null && following >= 200 && followers * 10 < following) {
    add('few_follow_back', 1, `followed by ${formatCount(followers)}`)
  }
  if (facts.postsCount === 0) add('no_posts', 1, 'no posts')
  if (!facts.bio.trim() && !facts.avatarUrl && !facts.displayName.trim()) {
    add('empty_profile', 1, 'no name, bio or picture')
  }
  const digits = /(\d{5,})$/.exec(facts.handle.split(/[.@]/)[0] ?? '')?.[1]
  if (digits) add('generated_handle', 1, `handle ends in ${digits.length} digits`)
  const bait = BAIT.exec(facts.bio)?.[0]
  if (bait) add('follow_back_bait', 2, `bio asks for follow-backs ("${bait}")`)

  const score = signals.reduce((sum, s) => sum + s.weight, 0)
  const level: SpamLevel = score >= LIKELY_FROM ? 'likely' : score >= SOME_FROM ? 'some' : 'none'
  return { level, score, signals, summary: signals.map((s) => s.reason).join(', ') }
}
