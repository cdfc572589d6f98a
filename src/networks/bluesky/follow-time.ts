import { AtUri } from '@atproto/api'
import { TID } from '@atproto/common-web'
import { isValidTid } from '@atproto/syntax'

/** Clocks disagree a little; a key further in the future was not made from a clock. */
const CLOCK_SKEW_MS = 5 * 60_000

/**
 * When a follower followed, from their follow record's key (`viewer.followedBy` in our own
 * followers list): a TID is the record's creation time in µs, as the follower's client wrote
 * it. A key that is no TID, or lies in the future (a derived key, like Sous's own follow
 * keys), says nothing.
 */
export function followedAtFrom(
  followUri: string | undefined,
  now = Date.now(),
): string | undefined {
  if (!followUri) return undefined
  let rkey: string
  try {
    rkey = new AtUri(followUri).rkey
  } catch {
    return undefined
  }
  if (!isValidTid(rkey)) return undefined
  const ms = Math.floor(TID.fromStr(rkey).timestamp() / 1000)
  if (ms > now + CLOCK_SKEW_MS) return undefined
  return new Date(ms).toISOString()
}
