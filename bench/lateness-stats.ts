export type Lateness = { p50: number; p99: number; max: number }

/** Nearest-rank percentiles, rounded to 0.1 ms. */
export function latenessOf(values: number[]): Lateness {
  const sorted = [...values].sort((a, b) => a - b)
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN
  const round = (n: number) => Math.round(n * 10) / 10
  return { p50: round(at(0.5)), p99: round(at(0.99)), max: round(at(1)) }
}

/** Executions per job: how many ran more than once, and how many enqueued never ran. */
export function countMisses(ids: number[], executed: number[]) {
  const counts = new Map<number, number>()
  for (const id of executed) counts.set(id, (counts.get(id) ?? 0) + 1)
  let duplicates = 0
  for (const n of counts.values()) duplicates += n - 1
  const lost = ids.filter((id) => !counts.has(id)).length
  return { duplicates, lost }
}
