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

export type GroupResult = {
  key: string
  label: string
  posts: number
  totals: Counts
  medianFirstResponseSeconds: number | null
  comparison: Comparison
}

/** A group as the database summed it (store/queries/measure-report.ts). */
export type GroupSums = {
  key: string
  label: string
  posts: number
  totals: Counts
  sum: number
  sumSquares: number
  /** Its per-post values, when it is small enough to resample; the others' likewise. */
  values: number[] | null
  otherValues: number[] | null
  medianFirstResponseSeconds: number | null
}

/**
 * Each group's per-post `metric` against all other posts of the period: the others are the
 * period's units less the group's (a post with two topics counts in both, and is "other" to
 * neither). Largest group first.
 */
export function compareGroups(
  groups: readonly GroupSums[],
  units: { n: number; sum: number; sumSquares: number },
  metric: Metric,
): GroupResult[] {
  return groups
    .map((g) => ({
      key: g.key,
      label: g.label,
      posts: g.posts,
      totals: g.totals,
      medianFirstResponseSeconds: g.medianFirstResponseSeconds,
      comparison: compareGroup(
        { n: g.posts, sum: g.sum, sumSquares: g.sumSquares, values: g.values },
        {
          n: units.n - g.posts,
          sum: units.sum - g.sum,
          sumSquares: units.sumSquares - g.sumSquares,
          values: g.otherValues,
        },
        METRIC_WORDS[metric],
      ),
    }))
    .sort((a, b) => b.posts - a.posts || a.label.localeCompare(b.label))
}
