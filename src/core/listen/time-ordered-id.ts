import { randomBytes } from 'node:crypto'

/**
 * A UUIDv7-shaped id from a source time in microseconds: milliseconds in the first 48 bits,
 * the microseconds within them in the next 12, random after. Matches stored in one batch
 * share their `matched_at`; ids like these keep them in the order the stream sent them.
 */
export function timeOrderedId(timeUs: number): string {
  const ms = Math.floor(timeUs / 1_000)
  const micros = Math.max(0, Math.min(999, timeUs - ms * 1_000))
  const bytes = randomBytes(16)
  bytes.writeUIntBE(ms, 0, 6)
  bytes[6] = 0x70 | ((micros >> 8) & 0x0f)
  bytes[7] = micros & 0xff
  bytes[8] = 0x80 | ((bytes[8] as number) & 0x3f)
  const hex = bytes.toString('hex')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}
