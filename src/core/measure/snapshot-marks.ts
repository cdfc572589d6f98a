/** When a published delivery's engagement is read: three fixed marks, and `now` on demand. */
export const SNAPSHOT_MARKS = ['1h', '24h', '7d', 'now'] as const
export type SnapshotMark = (typeof SNAPSHOT_MARKS)[number]

export type ScheduledMark = Exclude<SnapshotMark, 'now'>

const HOUR = 60 * 60_000

export const MARK_OFFSETS: Record<ScheduledMark, number> = {
  '1h': HOUR,
  '24h': 24 * HOUR,
  '7d': 7 * 24 * HOUR,
}

/** The last mark's offset: after it, a delivery is no longer read on schedule. */
export const LAST_MARK_MS = MARK_OFFSETS['7d']

/**
 * The one mark to take now for a delivery, or null. A sweep that was late (a stopped worker)
 * takes only the latest mark that has passed: three reads at once would say the same thing.
 */
export function dueMark(
  publishedAt: Date,
  now: Date,
  taken: ReadonlySet<SnapshotMark>,
): ScheduledMark | null {
  const age = now.getTime() - publishedAt.getTime()
  const passed = (Object.keys(MARK_OFFSETS) as ScheduledMark[]).filter(
    (mark) => age >= MARK_OFFSETS[mark],
  )
  const latest = passed.at(-1)
  if (!latest || taken.has(latest)) return null
  // A later mark already taken covers the earlier ones.
  const later = passed.slice(passed.indexOf(latest) + 1)
  return later.some((mark) => taken.has(mark)) ? null : latest
}
