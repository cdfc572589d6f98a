import { Temporal } from 'temporal-polyfill'

/** Opening hours per ISO weekday (1 = Monday) in the workspace's zone; no windows = always open. */
export type BusinessHours = {
  timeZone: string
  windows: Array<{ weekday: number; open: string; close: string }>
}

const DAY_MS = 86_400_000
// A target is hours or days of business time; a year bounds the scan for a calendar with no open hour.
const MAX_DAYS = 366

/** Business time between two instants, in ms: only what falls inside opening hours counts. */
export function businessMsBetween(hours: BusinessHours, from: number, to: number): number {
  if (to <= from) return 0
  if (hours.windows.length === 0) return to - from
  let total = 0
  for (const [start, end] of openIntervals(hours, from, Math.ceil((to - from) / DAY_MS) + 1)) {
    if (start >= to) break
    total += Math.max(0, Math.min(end, to) - Math.max(start, from))
  }
  return total
}

/** The instant when `ms` of business time after `from` have passed (a target's deadline). */
export function addBusinessMs(hours: BusinessHours, from: number, ms: number): number {
  if (hours.windows.length === 0) return from + ms
  let left = ms
  for (const [start, end] of openIntervals(hours, from, MAX_DAYS)) {
    const usable = Math.max(0, end - Math.max(start, from))
    if (usable >= left) return Math.max(start, from) + left
    left -= usable
  }
  return Number.POSITIVE_INFINITY
}

/** Open intervals [start, end) in order, from the local day of `from` on, for `days` days. */
function* openIntervals(hours: BusinessHours, from: number, days: number) {
  let date = Temporal.Instant.fromEpochMilliseconds(from)
    .toZonedDateTimeISO(hours.timeZone)
    .toPlainDate()
  for (let i = 0; i < Math.min(days, MAX_DAYS); i++, date = date.add({ days: 1 })) {
    const today = hours.windows
      .filter((w) => w.weekday === date.dayOfWeek)
      .map((w) => [at(date, w.open, hours.timeZone), at(date, w.close, hours.timeZone)] as const)
      .sort((a, b) => a[0] - b[0])
    for (const [start, end] of today) if (end > from && end > start) yield [start, end] as const
  }
}

function at(date: Temporal.PlainDate, time: string, timeZone: string): number {
  const [hour = 0, minute = 0] = time.split(':').map(Number)
  if (hour === 24) return at(date.add({ days: 1 }), '00:00', timeZone)
  return date
    .toPlainDateTime({ hour, minute })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds
}
