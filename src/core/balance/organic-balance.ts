/** Live conversation (posts written live, replies) against scheduled broadcast, for one account. */
export type BalanceCounts = { live: number; replies: number; scheduled: number; curated: number }

export type Balance = BalanceCounts & {
  total: number
  /** Share of scheduled broadcast (scheduled + curated) among everything published; null with nothing published. */
  broadcastShare: number | null
  warning: string | null
}

/**
 * The organic balance: a feed of scheduled broadcasts with no conversation is what the
 * product exists to avoid, so Sous says so when broadcasts dominate. Curated suggestions
 * count as broadcast: someone picked them, but nobody talked.
 */
export function organicBalance(counts: BalanceCounts, threshold: number, days: number): Balance {
  const broadcast = counts.scheduled + counts.curated
  const total = broadcast + counts.live + counts.replies
  const broadcastShare = total === 0 ? null : broadcast / total
  const warning =
    broadcastShare !== null && broadcastShare > threshold
      ? `${Math.round(broadcastShare * 100)}% of the last ${days} days were scheduled broadcasts: write something live or answer people`
      : null
  return { ...counts, total, broadcastShare, warning }
}
