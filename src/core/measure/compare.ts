import { errorFunction, probit, quantileSorted } from 'simple-statistics'

/** Below this many posts on either side Sous says "not enough posts yet", never a winner. */
export const MIN_POSTS = 10
export const LEVEL = 0.9

export type Verdict = 'not_enough_posts' | 'better' | 'worse' | 'unclear'

export type Interval = { estimate: number; low: number; high: number }

export type Comparison = {
  verdict: Verdict
  posts: number
  otherPosts: number
  /** Per post, this group's and the others'. */
  mean: number | null
  otherMean: number | null
  /** This group's mean minus the others', with its interval at `level`; null below MIN_POSTS. */
  difference: Interval | null
  level: number
  method: 'bootstrap' | 'normal' | null
  statement: string
}

/** A small deterministic generator, so the same data always gives the same interval. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** Student's t quantile by its Cornish-Fisher expansion around the normal (ν ≥ 5: within 0.3 %). */
function tQuantile(p: number, df: number): number {
  const z = probit(p)
  const z3 = z ** 3
  const z5 = z ** 5
  return (
    z +
    (z3 + z) / (4 * df) +
    (5 * z5 + 16 * z3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z5 + 17 * z3 - 15 * z) / (384 * df ** 3)
  )
}

/**
 * Past this many posts a side's mean is near normal: drawn from its moments, it needs no
 * resampling, and the database sends its sums instead of its values (measure-report.ts).
 */
export const NORMAL_FROM = 200
const RESAMPLES = 2000
/**
 * Both intervals cover a skewed mean less often than they say (~87–88 % for "90 %" on
 * overdispersed counts of 10–60 posts); computing them at 1 − 0.6·α (94 % for 90 %) brings
 * the measured coverage to ≥ 90 % (compare.calibration.test.ts prints it).
 */
const CALIBRATION = 0.6

/**
 * One side of a comparison: its size and moments, and its values where it is small enough
 * (below NORMAL_FROM) to be resampled.
 */
export type Sample = {
  n: number
  sum: number
  sumSquares: number
  values: readonly number[] | null
}

export function sampleOf(values: readonly number[]): Sample {
  let sum = 0
  let sumSquares = 0
  for (const v of values) {
    sum += v
    sumSquares += v * v
  }
  return { n: values.length, sum, sumSquares, values }
}

const meanOf = (s: Sample) => s.sum / s.n
/** The sample variance from the sums (0 below two posts; never negative from rounding). */
const varianceOf = (s: Sample) =>
  s.n < 2 ? 0 : Math.max(0, (s.sumSquares - (s.sum * s.sum) / s.n) / (s.n - 1))

/**
 * The difference of per-post means with an interval at `level`. Small samples use the
 * expanded percentile bootstrap (Hesterberg 2015: the plain percentile interval is too
 * narrow below ~30 posts); large ones Welch's normal interval; both calibrated (below).
 */
export function differenceInterval(a: Sample, b: Sample, level = LEVEL) {
  const alpha = (1 - level) * CALIBRATION
  const estimate = meanOf(a) - meanOf(b)
  if (Math.min(a.n, b.n) >= NORMAL_FROM) {
    const se = Math.sqrt(varianceOf(a) / a.n + varianceOf(b) / b.n)
    const z = probit(1 - alpha / 2)
    return { method: 'normal' as const, estimate, low: estimate - z * se, high: estimate + z * se }
  }
  const n = Math.min(a.n, b.n)
  const expanded = 2 * cumulativeNormal(-Math.sqrt(n / (n - 1)) * tQuantile(1 - alpha / 2, n - 1))
  const random = mulberry32(seedOf(a, b))
  const diffs = new Float64Array(RESAMPLES)
  for (let r = 0; r < RESAMPLES; r++) diffs[r] = resampledMean(a, random) - resampledMean(b, random)
  diffs.sort()
  const sorted = Array.from(diffs)
  return {
    method: 'bootstrap' as const,
    estimate,
    low: quantileSorted(sorted, expanded / 2),
    high: quantileSorted(sorted, 1 - expanded / 2),
  }
}

function resampledMean(sample: Sample, random: () => number): number {
  // A large side's mean is near normal: drawn from it, one resample costs O(1), not O(n).
  const values = sample.values
  if (sample.n >= NORMAL_FROM || !values) {
    const u = random() || Number.MIN_VALUE
    const se = Math.sqrt(varianceOf(sample) / sample.n)
    return meanOf(sample) + se * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * random())
  }
  let sum = 0
  for (let i = 0; i < values.length; i++) sum += values[Math.floor(random() * values.length)] ?? 0
  return sum / values.length
}

function cumulativeNormal(x: number): number {
  return (1 + errorFunction(x / Math.SQRT2)) / 2
}

function seedOf(a: Sample, b: Sample): number {
  let h = 2166136261
  const head = (s: Sample) => s.values?.slice(0, 64) ?? []
  for (const v of [a.n, b.n, a.sum, b.sum, ...head(a), ...head(b)]) {
    h = Math.imul(h ^ Math.round(v * 1000), 16777619)
  }
  return h >>> 0
}

const fmt = (x: number) => (Math.abs(x) >= 10 ? x.toFixed(0) : x.toFixed(1))

/**
 * One group against all other posts of the period, in words a person can act on: which way
 * it goes, how sure Sous is (the interval), or that there are not enough posts yet.
 */
export function compareGroup(
  values: Sample,
  others: Sample,
  unit: string,
  level = LEVEL,
): Comparison {
  const base = {
    posts: values.n,
    otherPosts: others.n,
    mean: values.n ? meanOf(values) : null,
    otherMean: others.n ? meanOf(others) : null,
    level,
  }
  if (values.n < MIN_POSTS || others.n < MIN_POSTS) {
    const short = values.n < MIN_POSTS ? values.n : others.n
    const side = values.n < MIN_POSTS ? 'here' : 'to compare with'
    return {
      ...base,
      verdict: 'not_enough_posts',
      difference: null,
      method: null,
      statement: `Not enough posts yet: ${short} ${side}, ${MIN_POSTS} needed on each side before Sous compares.`,
    }
  }
  const { method, ...difference } = differenceInterval(values, others, level)
  const verdict: Verdict = difference.low > 0 ? 'better' : difference.high < 0 ? 'worse' : 'unclear'
  const pct = Math.round(level * 100)
  const range = `${fmt(difference.low)} to ${fmt(difference.high)} ${unit} per post (${pct} % interval, ${values.n} vs ${others.n} posts)`
  const statement =
    verdict === 'better'
      ? `More ${unit} than the other posts: ${range}.`
      : verdict === 'worse'
        ? `Fewer ${unit} than the other posts: ${range}.`
        : `No clear difference yet: ${range}; the interval includes no difference.`
  return { ...base, verdict, difference, method, statement }
}
