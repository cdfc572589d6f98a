/**
 * Moves a catch-up cursor past a notification the stream delivered, where the cursor says how
 * (Mastodon's `min_id`); a server's opaque cursor stays, and the next catch-up re-reads what
 * the stream brought (stored once by its id).
 */
export function cursorAfter(cursor: string | undefined, id: string): string | undefined {
  // No cursor yet (nothing was there to page from): Mastodon's own parameter; a server that
  // pages otherwise refuses it, and the catch-up then starts again from the newest page.
  if (cursor === undefined) return `min_id=${encodeURIComponent(id)}`
  const query = new URLSearchParams(cursor)
  const current = query.get('min_id')
  if (current === null || !(compareIds(id, current) > 0)) return cursor
  query.set('min_id', id)
  return query.toString()
}

/** Mastodon ids are numbers in strings (longer is newer); other servers' sort as text. */
function compareIds(a: string, b: string): number {
  if (/^\d+$/.test(a) && /^\d+$/.test(b)) {
    const difference = BigInt(a) - BigInt(b)
    return difference > 0n ? 1 : difference < 0n ? -1 : 0
  }
  return a < b ? -1 : a > b ? 1 : 0
}
