import { POST_COLLECTION } from './read-jetstream-event.ts'

/** Jetstream keeps about 36 hours; a cursor older than that cannot be resumed from. */
export const JETSTREAM_WINDOW_US = 36 * 3600 * 1_000_000

/**
 * The subscription URL: posts only, from `cursor` (microseconds) when it is still within the
 * window. Answers `resumedFromNow` when a stored cursor was too old, so the gap can be said.
 */
export function jetstreamUrl(
  base: string,
  cursor: number | null,
  nowUs: number,
): { url: string; resumedFromNow: boolean } {
  const url = new URL(base)
  url.searchParams.set('wantedCollections', POST_COLLECTION)
  const tooOld = cursor !== null && nowUs - cursor > JETSTREAM_WINDOW_US
  if (cursor !== null && !tooOld) url.searchParams.set('cursor', String(cursor))
  return { url: url.toString(), resumedFromNow: tooOld }
}
