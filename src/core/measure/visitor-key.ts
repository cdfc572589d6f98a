import { createHmac } from 'node:crypto'

/**
 * A visitor's key for one day: HMAC-SHA-256 of address and browser under that day's random
 * salt, cut to 16 bytes. Once the salt is deleted the key cannot be tied to an address
 * again; the address itself is never stored.
 */
export function visitorKey(salt: Buffer, address: string, userAgent: string): Buffer {
  return createHmac('sha256', salt)
    .update(address)
    .update('\n')
    .update(userAgent)
    .digest()
    .subarray(0, 16)
}

/** The UTC day a click belongs to, as stored (YYYY-MM-DD). */
export function clickDay(now: Date): string {
  return now.toISOString().slice(0, 10)
}
