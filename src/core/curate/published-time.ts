const DAY = 86_400_000
/** Before the first feeds existed: a date this old is a placeholder (0, 1970), not a date. */
const EARLIEST = Date.UTC(1995, 0, 1)
const HAS_ZONE = /(?:\d[zZ]|[+-]\d{2}:?\d{2}|\b(?:GMT|UTC?|[ECMP][SD]T)\b)\s*$/
/** RFC 822 zones V8 does not know; other letters are dropped and the time read as UTC. */
const ZONES: Record<string, string> = {
  CET: '+0100',
  CEST: '+0200',
  BST: '+0100',
  IST: '+0530',
  JST: '+0900',
  AEST: '+1000',
  AEDT: '+1100',
}

/**
 * When an item was published, read leniently from what feeds really send (RFC 822 and ISO
 * 8601, named zones, no zone, two-digit years). A missing, unreadable, implausibly old or
 * future date gives `seen` (when Sous first saw the item) and `dated: false`: the item still
 * ranks, as new as it is to us, and says so.
 */
export function publishedTime(
  raw: string | null | undefined,
  seen: Date,
): { at: Date; dated: boolean } {
  const parsed = raw ? readDate(raw.trim()) : Number.NaN
  if (Number.isNaN(parsed) || parsed < EARLIEST || parsed > seen.getTime() + DAY) {
    return { at: seen, dated: false }
  }
  return { at: new Date(Math.min(parsed, seen.getTime())), dated: true }
}

function readDate(text: string): number {
  // At least a day and a year: V8 reads a lone "0" or "7" as a date.
  if (!/\d+\D+\d+/.test(text)) return Number.NaN
  const zone = /\b([A-Z]{3,4})\s*$/.exec(text)?.[1]
  const withZone = zone && ZONES[zone] ? text.replace(/[A-Z]{3,4}\s*$/, ZONES[zone]) : text
  // No zone at all: V8 would read the machine's local time; feeds without one mean UTC.
  const isoLocal = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?$/.test(withZone)
  const candidate = isoLocal
    ? `${withZone.replace(' ', 'T')}Z`
    : HAS_ZONE.test(withZone) || /^\d{4}-\d{2}-\d{2}$/.test(withZone)
      ? withZone
      : `${withZone.replace(/\s+[A-Za-z]{1,5}$/, '')} GMT`
  const first = Date.parse(candidate)
  return Number.isNaN(first) ? Date.parse(withZone) : first
}
