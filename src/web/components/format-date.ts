/**
 * Dates as a person reads them: in their own time zone (the browser's), with the account's
 * clock beside it when that shows another time — a post "at 09:30" for a New York account is
 * 15:30 for a person in Berlin, and both matter.
 */

type Instant = string | number | Date

export type DateOptions = {
  /** The reader's zone; the browser's by default. */
  timeZone?: string
  /** The zone of the account a time belongs to, shown too when its clock differs. */
  accountTimeZone?: string | null
  locale?: string
  /** What to show of it: day and time (default), the day only, or the time only. */
  show?: 'datetime' | 'date' | 'time'
}

export function personTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone
}

const PARTS: Record<NonNullable<DateOptions['show']>, Intl.DateTimeFormatOptions> = {
  datetime: {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  },
  date: { weekday: 'short', day: 'numeric', month: 'short' },
  time: { hour: '2-digit', minute: '2-digit' },
}

function format(date: Date, timeZone: string, options: DateOptions, withYear: boolean): string {
  const parts = { ...PARTS[options.show ?? 'datetime'], timeZone }
  if (withYear && options.show !== 'time') parts.year = 'numeric'
  return new Intl.DateTimeFormat(options.locale, parts).format(date)
}

/** A city for a zone name: `America/New_York` → `New York`. */
export function zoneCity(timeZone: string): string {
  return (timeZone.split('/').pop() ?? timeZone).replaceAll('_', ' ')
}

/**
 * `Tue, 1 Dec, 09:30`, with the year when it is not this year's, and `(15:30 in New York)`
 * when the account's clock reads otherwise at that instant.
 */
export function formatDateTime(
  instant: Instant,
  options: DateOptions = {},
  now = new Date(),
): string {
  const date = new Date(instant)
  if (Number.isNaN(date.getTime())) return 'an unknown time'
  const timeZone = options.timeZone ?? personTimeZone()
  const year = (d: Date) => new Intl.DateTimeFormat('en', { year: 'numeric', timeZone }).format(d)
  const withYear = year(date) !== year(now)
  const mine = format(date, timeZone, options, withYear)
  const account = options.accountTimeZone
  if (!account || account === timeZone) return mine
  const theirs = format(date, account, { ...options, show: 'datetime' }, withYear)
  const mineFull = format(date, timeZone, { ...options, show: 'datetime' }, withYear)
  if (theirs === mineFull) return mine
  // Same day on both clocks: the time is enough; otherwise the account's day too.
  const sameDay =
    format(date, account, { ...options, show: 'date' }, false) ===
    format(date, timeZone, { ...options, show: 'date' }, false)
  const shown = sameDay ? format(date, account, { ...options, show: 'time' }, false) : theirs
  return `${mine} (${shown} in ${zoneCity(account)})`
}

const UNITS: Array<[Intl.RelativeTimeFormatUnit, number]> = [
  ['year', 365 * 24 * 3600],
  ['month', 30 * 24 * 3600],
  ['week', 7 * 24 * 3600],
  ['day', 24 * 3600],
  ['hour', 3600],
  ['minute', 60],
  ['second', 1],
]

/** `3 minutes ago`, `in 2 hours`; `now` within a few seconds. */
export function formatRelative(instant: Instant, now = new Date(), locale?: string): string {
  const seconds = Math.round((new Date(instant).getTime() - now.getTime()) / 1000)
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' })
  if (Math.abs(seconds) < 10) return rtf.format(0, 'second')
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return rtf.format(Math.trunc(seconds / size), unit)
  }
  return rtf.format(seconds, 'second')
}

/** A wait in words, for "try again in …": `14 minutes`, `40 seconds`. */
export function formatDuration(seconds: number, locale?: string): string {
  const unit = seconds >= 3600 ? 'hour' : seconds >= 60 ? 'minute' : 'second'
  const value = Math.ceil(seconds / (unit === 'hour' ? 3600 : unit === 'minute' ? 60 : 1))
  return new Intl.NumberFormat(locale, { style: 'unit', unit, unitDisplay: 'long' }).format(value)
}
