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

const DAY_MS = 86_400_000

const zero = (): Counts => Object.fromEntries(COUNT_KEYS.map((k) => [k, 0])) as unknown as Counts

function add(into: Counts, from: Counts): void {
  for (const k of COUNT_KEYS) into[k] += from[k]
}

/**
 * By account or network a variant is the unit; by label a post is, its variants summed. A
 * post with one variant is that variant itself (no copy): units are read, never changed.
 */
export function unitsFor(by: MeasureBy, variants: readonly Unit[]): Unit[] {
  if (by === 'account' || by === 'network') return [...variants]
  const posts = new Map<string, Unit>()
  const summed = new Set<string>()
  for (const v of variants) {
    let post = posts.get(v.postId)
    if (!post) {
      posts.set(v.postId, v)
      continue
    }
    if (!summed.has(v.postId)) {
      post = { ...post, responseSeconds: [...post.responseSeconds] }
      posts.set(v.postId, post)
      summed.add(v.postId)
    }
    add(post, v)
    post.responseSeconds.push(...v.responseSeconds)
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
  const groups = new Map<string, { label: string; members: number[] }>()
  units.forEach((unit, index) => {
    for (const { key, label } of keysOf(by, unit)) {
      let group = groups.get(key)
      if (!group) {
        group = { label, members: [] }
        groups.set(key, group)
      }
      if (group.members.at(-1) !== index) group.members.push(index)
    }
  })
  const values = units.map((unit) => unit[metric])
  const inGroup = new Uint8Array(units.length)
  const results = [...groups].map(([key, { label, members }]) => {
    const totals = zero()
    const inside: number[] = []
    const responses: number[] = []
    inGroup.fill(0)
    for (const index of members) {
      const unit = units[index] as Unit
      add(totals, unit)
      inside.push(values[index] as number)
      responses.push(...unit.responseSeconds)
      inGroup[index] = 1
    }
    const outside = values.filter((_, index) => inGroup[index] === 0)
    return {
      key,
      label,
      posts: members.length,
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
  const first = Date.UTC(from.getUTCFullYear(), from.getUTCMonth(), from.getUTCDate())
  const days: DayTotals[] = []
  for (let t = first; t < to.getTime(); t += DAY_MS)
    days.push({ date: new Date(t).toISOString().slice(0, 10), posts: 0, ...zero() })
  const postsSeen = new Set<string>()
  for (const v of variants) {
    const day = days[Math.floor((v.publishedAt.getTime() - first) / DAY_MS)]
    if (!day) continue
    add(day, v)
    if (!postsSeen.has(v.postId)) {
      postsSeen.add(v.postId)
      day.posts++
    }
  }
  return days
}
