import { median } from 'simple-statistics'
import { type Comparison, compareGroup } from './compare.ts'

export const MEASURE_BY = ['account', 'network', 'topic', 'approach', 'campaign'] as const
export type MeasureBy = (typeof MEASURE_BY)[number]

export const METRICS = [
  'conversations',
  'people',
  'replies',
  'quotes',
  'reposts',
  'likes',
  'clicks',
  'visitors',
] as const
export type Metric = (typeof METRICS)[number]

const METRIC_WORDS: Record<Metric, string> = {
  conversations: 'conversations',
  people: 'people engaged',
  replies: 'replies',
  quotes: 'quotes',
  reposts: 'reposts',
  likes: 'likes',
  clicks: 'link clicks',
  visitors: 'unique visitors',
}

export type Counts = {
  replies: number
  reposts: number
  quotes: number
  likes: number
  people: number
  conversations: number
  clicks: number
  visitors: number
  botClicks: number
  answered: number
}

export type Unit = Counts & {
  postId: string
  accountId: string
  handle: string
  network: string
  publishedAt: Date
  topics: string[]
  approach: string | null
  campaignId: string | null
  campaignName: string | null
  responseSeconds: number[]
}

export type GroupResult = {
  key: string
  label: string
  posts: number
  totals: Counts
  medianFirstResponseSeconds: number | null
  comparison: Comparison
}

const COUNT_KEYS: Array<keyof Counts> = [
  'replies',
  'reposts',
  'quotes',
  'likes',
  'people',
  'conversations',
  'clicks',
  'visitors',
  'botClicks',
  'answered',
]

const zero = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counts

function add(into: Counts, from: Counts): void {
  for (const k of COUNT_KEYS) into[k] += from[k]
}

/** By account or network a variant is the unit; by label a post is, its variants summed. */
export function unitsFor(by: MeasureBy, variants: readonly Unit[]): Unit[] {
  if (by === 'account' || by === 'network') return [...variants]
  const posts = new Map<string, Unit>()
  for (const v of variants) {
    const post = posts.get(v.postId)
    if (!post) posts.set(v.postId, { ...v, responseSeconds: [...v.responseSeconds] })
    else {
      add(post, v)
      post.responseSeconds.push(...v.responseSeconds)
    }
  }
  return [...posts.values()]
}

function keysOf(by: MeasureBy, unit: Unit): Array<{ key: string; label: string }> {
  switch (by) {
    case 'account':
      return [{ key: unit.accountId, label: unit.handle }]
    case 'network':
      return [{ key: unit.network, label: unit.network }]
    case 'topic':
      return unit.topics.length
        ? unit.topics.map((t) => ({ key: t, label: t }))
        : [{ key: '', label: 'no topic' }]
    case 'approach':
      return [{ key: unit.approach ?? '', label: unit.approach ?? 'no approach' }]
    case 'campaign':
      return [{ key: unit.campaignId ?? '', label: unit.campaignName ?? 'no campaign' }]
  }
}

/**
 * Each group's totals and its per-post `metric` against all other posts of the period
 * (a post with two topics counts in both, and is "other" to neither). Largest group first.
 */
export function groupResults(
  by: MeasureBy,
  metric: Metric,
  variants: readonly Unit[],
): GroupResult[] {
  const units = unitsFor(by, variants)
  const groups = new Map<string, { label: string; members: Set<number> }>()
  units.forEach((unit, index) => {
    for (const { key, label } of keysOf(by, unit)) {
      const group = groups.get(key) ?? { label, members: new Set<number>() }
      group.members.add(index)
      groups.set(key, group)
    }
  })
  const results = [...groups].map(([key, { label, members }]) => {
    const totals = zero()
    const inside: number[] = []
    const outside: number[] = []
    const responses: number[] = []
    units.forEach((unit, index) => {
      if (members.has(index)) {
        add(totals, unit)
        inside.push(unit[metric])
        responses.push(...unit.responseSeconds)
      } else outside.push(unit[metric])
    })
    return {
      key,
      label,
      posts: members.size,
      totals,
      medianFirstResponseSeconds: responses.length ? median(responses) : null,
      comparison: compareGroup(inside, outside, METRIC_WORDS[metric]),
    }
  })
  return results.sort((a, b) => b.posts - a.posts || a.label.localeCompare(b.label))
}

export type DayTotals = Counts & { date: string; posts: number }

/** Totals per UTC day of publishing, every day of the period present (a day with no posts is zeros). */
export function dailyTotals(variants: readonly Unit[], from: Date, to: Date): DayTotals[] {
  const days = new Map<string, DayTotals>()
  for (
    let t = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate());
    t < to.getTime();
    t += 86_400_000
  ) {
    const date = new Date(t).toISOString().slice(0, 10)
    days.set(date, { date, posts: 0, ...zero() })
  }
  const postsSeen = new Set<string>()
  for (const v of variants) {
    const day = days.get(v.publishedAt.toISOString().slice(0, 10))
    if (!day) continue
    add(day, v)
    if (!postsSeen.has(v.postId)) {
      postsSeen.add(v.postId)
      day.posts++
    }
  }
  return [...days.values()]
}
