import { createHash } from 'node:crypto'
import { TID } from '@atproto/common-web'
import { isValidTid } from '@atproto/syntax'

/** The smallest timestamp (µs) that TID formats in its full 11 characters (2005-09-05). */
const EARLIEST_US = 2 ** 50
/** TID timestamps are 53 bits. */
const TIMESTAMP_SPAN = 2 ** 53 - EARLIEST_US
const CLOCK_IDS = 2 ** 10

/**
 * The record key a post published with `idempotencyKey` gets: the same key always gives
 * the same valid TID, so a repeat lands on the record the first attempt wrote.
 *
 * A key that is itself a valid TID (a caller that made one with `TID.nextStr()` when the
 * delivery was created, so that record keys sort by time) is used as it is; any other key
 * is hashed (SHA-256) into the TID's 53-bit timestamp and 10-bit clock id.
 */
export function recordKeyFor(idempotencyKey: string): string {
  if (idempotencyKey.length === 0) throw new Error('an idempotency key is required')
  if (isValidTid(idempotencyKey)) return idempotencyKey
  const digest = createHash('sha256').update(idempotencyKey, 'utf8').digest()
  const bits = digest.readBigUInt64BE(0)
  const timestamp = EARLIEST_US + Number((bits >> 10n) % BigInt(TIMESTAMP_SPAN))
  const clockId = Number(bits % BigInt(CLOCK_IDS))
  const tid = TID.fromTime(timestamp, clockId).toString()
  if (!isValidTid(tid)) throw new Error(`derived an invalid TID ${tid}`)
  return tid
}
