/**
 * The days a calendar shows, on the reader's clock (the browser's zone): weeks start on
 * Monday, a month view shows whole weeks, and moving a post to another day keeps its time.
 */

export type CalendarView = 'week' | 'month'

/** Midnight of the day that holds `date`, on the reader's clock. */
export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate())
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days)
}

/** The Monday of the week that holds `date`. */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date)
  return addDays(day, -((day.getDay() + 6) % 7))
}

/** The days shown: a week, or the whole weeks that cover a month. */
export function visibleDays(view: CalendarView, anchor: Date): Date[] {
  if (view === 'week') {
    const monday = startOfWeek(anchor)
    return Array.from({ length: 7 }, (_, i) => addDays(monday, i))
  }
  const first = new Date(anchor.getFullYear(), anchor.getMonth(), 1)
  const last = new Date(anchor.getFullYear(), anchor.getMonth() + 1, 0)
  const start = startOfWeek(first)
  const end = addDays(startOfWeek(last), 7)
  const days: Date[] = []
  for (let day = start; day < end; day = addDays(day, 1)) days.push(day)
  return days
}

/** The anchor one view earlier or later. */
export function shiftAnchor(view: CalendarView, anchor: Date, by: number): Date {
  if (view === 'week') return addDays(startOfWeek(anchor), 7 * by)
  return new Date(anchor.getFullYear(), anchor.getMonth() + by, 1)
}

/** `2026-03-09` for a day on the reader's clock; days compare by it. */
export function dayKey(date: Date): string {
  const y = date.getFullYear()
  const m = String(date.getMonth() + 1).padStart(2, '0')
  const d = String(date.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** The same clock time on another day: where a post dropped on that day goes. */
export function moveToDay(dueAt: Date, day: Date): Date {
  return new Date(
    day.getFullYear(),
    day.getMonth(),
    day.getDate(),
    dueAt.getHours(),
    dueAt.getMinutes(),
    dueAt.getSeconds(),
  )
}

/** `2026-03-09T09:30`, what a `datetime-local` input reads and shows, on the reader's clock. */
export function toLocalInput(date: Date): string {
  const hh = String(date.getHours()).padStart(2, '0')
  const mm = String(date.getMinutes()).padStart(2, '0')
  return `${dayKey(date)}T${hh}:${mm}`
}

/** The instant a `datetime-local` value means on the reader's clock, or null. */
export function fromLocalInput(value: string): Date | null {
  const match = value.match(/^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})/)
  if (!match) return null
  const [, y, m, d, hh, mm] = match.map(Number) as number[]
  return new Date(y as number, (m as number) - 1, d, hh, mm)
}

/** `9 – 15 March 2026` or `March 2026`: what the view shows, in words. */
export function describeRange(view: CalendarView, anchor: Date, locale?: string): string {
  if (view === 'month')
    return new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric' }).format(anchor)
  const monday = startOfWeek(anchor)
  return new Intl.DateTimeFormat(locale, {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
  }).formatRange(monday, addDays(monday, 6))
}
