const MINUTE_MS = 60_000

export function minuteOf(at: Date | number): Date {
  const ms = typeof at === 'number' ? at : at.getTime()
  return new Date(ms - (ms % MINUTE_MS))
}

/** Matches counted per search and minute: `searchId → minute (ms) → count`. */
export function bucketByMinute(
  matches: Iterable<{ searchId: string; at: Date | number }>,
): Map<string, Map<number, number>> {
  const buckets = new Map<string, Map<number, number>>()
  for (const { searchId, at } of matches) {
    const minute = minuteOf(at).getTime()
    let perMinute = buckets.get(searchId)
    if (!perMinute) {
      perMinute = new Map()
      buckets.set(searchId, perMinute)
    }
    perMinute.set(minute, (perMinute.get(minute) ?? 0) + 1)
  }
  return buckets
}

/**
 * The counts of every minute in [from, to), zeros where nothing was counted, oldest first;
 * `observedFrom` drops the minutes before the search was watching (they are not zeros).
 */
export function fillMinutes(
  counts: ReadonlyMap<number, number>,
  from: Date,
  to: Date,
  observedFrom?: Date,
): Array<{ minute: Date; count: number }> {
  const start = Math.max(
    minuteOf(from).getTime(),
    observedFrom ? minuteOf(observedFrom).getTime() : 0,
  )
  const minutes: Array<{ minute: Date; count: number }> = []
  for (let at = start; at < to.getTime(); at += MINUTE_MS) {
    minutes.push({ minute: new Date(at), count: counts.get(at) ?? 0 })
  }
  return minutes
}
