import { describe, expect, it } from 'vitest'
import {
  dayKey,
  fromLocalInput,
  moveToDay,
  shiftAnchor,
  startOfWeek,
  toLocalInput,
  visibleDays,
} from './calendar-dates.ts'

describe('the days a calendar shows', () => {
  it('starts weeks on Monday', () => {
    expect(dayKey(startOfWeek(new Date(2026, 2, 11)))).toBe('2026-03-09')
    expect(dayKey(startOfWeek(new Date(2026, 2, 15, 23, 59)))).toBe('2026-03-09')
    expect(dayKey(startOfWeek(new Date(2026, 2, 16)))).toBe('2026-03-16')
  })

  it('shows whole weeks around a month', () => {
    const days = visibleDays('month', new Date(2026, 1, 14))
    expect(days).toHaveLength(35)
    expect(dayKey(days[0] as Date)).toBe('2026-01-26')
    expect(dayKey(days.at(-1) as Date)).toBe('2026-03-01')
    expect(visibleDays('week', new Date(2026, 1, 14)).map(dayKey)[0]).toBe('2026-02-09')
  })

  it('moves by a week or a month', () => {
    expect(dayKey(shiftAnchor('week', new Date(2026, 2, 11), 1))).toBe('2026-03-16')
    expect(dayKey(shiftAnchor('month', new Date(2026, 0, 31), 1))).toBe('2026-02-01')
  })

  it('keeps the clock time when a post moves to another day', () => {
    const moved = moveToDay(new Date(2026, 2, 9, 9, 30), new Date(2026, 2, 12))
    expect(toLocalInput(moved)).toBe('2026-03-12T09:30')
    expect(fromLocalInput('2026-03-12T09:30')?.getTime()).toBe(moved.getTime())
    expect(fromLocalInput('nonsense')).toBeNull()
  })
})
