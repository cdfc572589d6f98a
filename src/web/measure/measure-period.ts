import { addDays, startOfDay } from '../calendar/calendar-dates.ts'

export const PERIODS = [
  { value: '7', label: '7 days' },
  { value: '30', label: '30 days' },
  { value: '90', label: '90 days' },
  { value: '365', label: 'A year' },
] as const
export type PeriodDays = (typeof PERIODS)[number]['value']

/**
 * The last `days` whole days on the reader's clock, today included: `to` is the next midnight,
 * so the range (and the query it keys) stays the same all day.
 */
export function periodRange(days: PeriodDays, now = new Date()): { from: string; to: string } {
  const to = addDays(startOfDay(now), 1)
  return { from: addDays(to, -Number(days)).toISOString(), to: to.toISOString() }
}
