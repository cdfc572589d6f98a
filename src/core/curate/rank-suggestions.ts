import { matchTopics, type Topic, type TopicMatch } from './topics.ts'

/** What a person did with earlier suggestions: shared or skipped. */
export type Track = { shared: number; skipped: number }

export type RankContext = {
  topics: readonly Topic[]
  /** Source id → its title and weight (1 is neutral). */
  sources: ReadonlyMap<string, { title: string; weight: number }>
  feedback: { bySource: ReadonlyMap<string, Track>; byTopic: ReadonlyMap<string, Track> }
  now: Date
}

export type Candidate = {
  id: string
  title: string
  summary: string | null
  /** Its publication time, or when Sous first saw it if the feed gave none. */
  publishedAt: Date
  datedByFeed: boolean
  /** Where it appeared first, and every source carrying the same story. */
  sourceId: string
  sourceIds: readonly string[]
}

export type Ranked = {
  id: string
  score: number
  matchedTopics: TopicMatch[]
  /** Why it ranks where it does, one sentence a factor. */
  reasons: string[]
  factors: {
    relevance: number
    freshness: number
    sourceWeight: number
    sourceHistory: number
    topicHistory: number
    syndication: number
  }
}

/** A day old is worth half as much as new: feeds are news, and the queue is worked daily. */
export const FRESHNESS_HALF_LIFE_HOURS = 24
const SUMMARY_MATCH_SHARE = 0.5
/** Relevance of an item matching no topic (when there are topics): shown, but below matches. */
const UNMATCHED_RELEVANCE = 0.2
const MIN_RELEVANCE = 0.02
const PER_OTHER_SOURCE = 0.15
const MAX_OTHER_SOURCES = 4

/**
 * One suggestion's score: relevance to the workspace's topics × freshness × the source's
 * weight × what people did with earlier suggestions from this source and on these topics ×
 * how many sources carry the story. Each factor is near 1 when it says nothing, and each
 * one that moves the score is said in words.
 */
export function rankSuggestion(candidate: Candidate, context: RankContext): Ranked {
  const reasons: string[] = []
  const matches = matchTopics(context.topics, candidate)

  let relevance = 1
  if (context.topics.length === 0) {
    reasons.push('No topics set for this workspace yet: ranked by freshness and source')
  } else if (matches.length === 0) {
    relevance = UNMATCHED_RELEVANCE
    reasons.push('Matches none of your topics')
  } else {
    const points = matches.reduce(
      (sum, m) => sum + m.weight * (m.where === 'title' ? 1 : SUMMARY_MATCH_SHARE),
      0,
    )
    relevance = Math.max(MIN_RELEVANCE, UNMATCHED_RELEVANCE + points)
    reasons.push(`Matches ${listMatches(matches)}`)
  }

  const ageHours = Math.max(0, (context.now.getTime() - candidate.publishedAt.getTime()) / 3.6e6)
  const freshness = 0.5 ** (ageHours / FRESHNESS_HALF_LIFE_HOURS)
  reasons.push(
    candidate.datedByFeed
      ? `Published ${describeAge(ageHours)}`
      : `Undated by its feed; first seen ${describeAge(ageHours)}`,
  )

  const source = context.sources.get(candidate.sourceId)
  const sourceName = source ? `“${source.title}”` : 'its source'
  const sourceWeight = source?.weight ?? 1
  if (sourceWeight !== 1) {
    reasons.push(
      `From ${sourceName}, weighted ${formatNumber(sourceWeight)} (${sourceWeight > 1 ? 'above' : 'below'} other sources)`,
    )
  }

  const bySource = context.feedback.bySource.get(candidate.sourceId)
  const sourceHistory = bySource ? historyFactor(bySource) : 1
  if (bySource && bySource.shared + bySource.skipped > 0) {
    reasons.push(
      `From ${sourceName}, of whose earlier suggestions you shared ${bySource.shared} and skipped ${bySource.skipped}`,
    )
  }

  let topicHistory = 1
  const tracked = matches.flatMap((m) => {
    const track = context.feedback.byTopic.get(m.term)
    return track && track.shared + track.skipped > 0 ? [{ term: m.term, track }] : []
  })
  if (tracked.length > 0) {
    topicHistory =
      tracked.reduce((product, { track }) => product * historyFactor(track), 1) **
      (1 / tracked.length)
    for (const { term, track } of tracked) {
      reasons.push(
        `On “${term}”, you shared ${track.shared} and skipped ${track.skipped} earlier suggestions`,
      )
    }
  }

  const others = new Set(candidate.sourceIds).size - 1
  const syndication = 1 + PER_OTHER_SOURCE * Math.min(Math.max(others, 0), MAX_OTHER_SOURCES)
  if (others > 0) reasons.push(`Also in ${others} other source${others === 1 ? '' : 's'}`)

  const score = relevance * freshness * sourceWeight * sourceHistory * topicHistory * syndication
  return {
    id: candidate.id,
    score,
    matchedTopics: matches,
    reasons,
    factors: { relevance, freshness, sourceWeight, sourceHistory, topicHistory, syndication },
  }
}

/** Best first; equal scores by id, so pages never overlap. */
export function compareRanked(a: Ranked, b: Ranked): number {
  return b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
}

/** Shared vs skipped, smoothed so one decision moves little: between 0.5 (all skipped) and 1.5. */
export function historyFactor({ shared, skipped }: Track): number {
  return 0.5 + (shared + 1) / (shared + skipped + 2)
}

function listMatches(matches: readonly TopicMatch[]): string {
  const parts = matches.map(
    (m) => `“${m.term}” in the ${m.where} (weight ${formatNumber(m.weight)})`,
  )
  return parts.length === 1 ? `your topic ${parts[0]}` : `your topics ${joinWords(parts)}`
}

function joinWords(parts: string[]): string {
  return parts.length <= 1
    ? (parts[0] ?? '')
    : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`
}

function describeAge(hours: number): string {
  if (hours < 1) return 'less than an hour ago'
  if (hours < 48) return `${Math.floor(hours)} hour${Math.floor(hours) === 1 ? '' : 's'} ago`
  return `${Math.floor(hours / 24)} days ago`
}

function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(2).replace(/0+$/, '')
}

/**
 * Ranks the candidates and returns the page after `after` (the last of the previous page,
 * ranked as of the same time): pages neither repeat nor skip while the queue is unchanged.
 * With `topic`, only those matching that topic (as ranking matched it, any spelling's case).
 */
export function rankedPage<C extends Candidate>(
  candidates: readonly C[],
  context: RankContext,
  options: { after?: { score: number; id: string }; limit: number; topic?: string },
): Array<{ candidate: C; ranked: Ranked }> {
  const topic = options.topic?.toLowerCase()
  const all = candidates
    .map((candidate) => ({ candidate, ranked: rankSuggestion(candidate, context) }))
    .filter(
      ({ ranked }) =>
        topic === undefined || ranked.matchedTopics.some((m) => m.term.toLowerCase() === topic),
    )
    .sort((a, b) => compareRanked(a.ranked, b.ranked))
  const after = options.after
  const start = after
    ? all.findIndex(
        ({ ranked }) => compareRanked(ranked, { ...ranked, score: after.score, id: after.id }) > 0,
      )
    : 0
  return start < 0 ? [] : all.slice(start, start + options.limit)
}
