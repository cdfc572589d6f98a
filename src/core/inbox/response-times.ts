/** Median and 90th percentile (nearest rank) of response times in ms; null with none. */
export function summarise(times: readonly number[]): {
  count: number
  medianMs: number | null
  p90Ms: number | null
} {
  if (times.length === 0) return { count: 0, medianMs: null, p90Ms: null }
  const sorted = [...times].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? null
  return { count: sorted.length, medianMs: rank(0.5), p90Ms: rank(0.9) }
}
