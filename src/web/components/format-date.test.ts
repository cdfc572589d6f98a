import { describe, expect, it } from 'vitest'
import { formatDateTime, formatDuration, formatRelative, zoneCity } from './format-date.ts'

const now = new Date('2026-12-01T08:00:00Z')
const en = { locale: 'en-GB' }

describe('dates in the reader’s zone', () => {
  it('shows day and time in the reader’s zone, the year only when it is another', () => {
    expect(formatDateTime('2026-12-01T08:30:00Z', { ...en, timeZone: 'Europe/Berlin' }, now)).toBe(
      'Tue 1 Dec, 09:30',
    )
    expect(formatDateTime('2027-01-05T08:30:00Z', { ...en, timeZone: 'UTC' }, now)).toBe(
      'Tue, 5 Jan 2027, 08:30',
    )
  })

  it('adds the account’s clock when it reads otherwise', () => {
    const at = '2026-12-01T14:30:00Z'
    expect(
      formatDateTime(
        at,
        { ...en, timeZone: 'Europe/Berlin', accountTimeZone: 'America/New_York' },
        now,
      ),
    ).toBe('Tue 1 Dec, 15:30 (09:30 in New York)')
  })

  it('names the account’s day too when it is another day there', () => {
    const at = '2026-12-01T23:30:00Z'
    expect(
      formatDateTime(at, { ...en, timeZone: 'Asia/Tokyo', accountTimeZone: 'Europe/London' }, now),
    ).toBe('Wed 2 Dec, 08:30 (Tue 1 Dec, 23:30 in London)')
  })

  it('says nothing more when both clocks agree, or the zone is the same', () => {
    const at = '2026-12-01T08:30:00Z'
    const berlin = { ...en, timeZone: 'Europe/Berlin' }
    expect(formatDateTime(at, { ...berlin, accountTimeZone: 'Europe/Paris' }, now)).toBe(
      'Tue 1 Dec, 09:30',
    )
    expect(formatDateTime(at, { ...berlin, accountTimeZone: 'Europe/Berlin' }, now)).toBe(
      'Tue 1 Dec, 09:30',
    )
  })

  it('keeps DST apart: the same zones differ by another amount in summer', () => {
    const summer = new Date('2026-07-01T08:00:00Z')
    expect(
      formatDateTime(
        '2026-07-01T13:30:00Z',
        { ...en, timeZone: 'Europe/Berlin', accountTimeZone: 'America/New_York' },
        summer,
      ),
    ).toBe('Wed 1 Jul, 15:30 (09:30 in New York)')
  })

  it('shows a day or a time alone, and an unreadable instant as such', () => {
    const berlin = { ...en, timeZone: 'Europe/Berlin' }
    expect(formatDateTime('2026-12-01T08:30:00Z', { ...berlin, show: 'date' }, now)).toBe(
      'Tue 1 Dec',
    )
    expect(formatDateTime('2026-12-01T08:30:00Z', { ...berlin, show: 'time' }, now)).toBe('09:30')
    expect(formatDateTime('nonsense', berlin, now)).toBe('an unknown time')
  })
})

describe('relative times and waits', () => {
  it('says how long ago or how soon', () => {
    expect(formatRelative('2026-12-01T07:57:00Z', now, 'en')).toBe('3 minutes ago')
    expect(formatRelative('2026-12-01T10:00:00Z', now, 'en')).toBe('in 2 hours')
    expect(formatRelative('2026-11-30T08:00:00Z', now, 'en')).toBe('yesterday')
    expect(formatRelative('2026-12-01T08:00:03Z', now, 'en')).toBe('now')
  })

  it('says a wait in the largest whole unit, rounded up', () => {
    expect(formatDuration(840, 'en')).toBe('14 minutes')
    expect(formatDuration(61, 'en')).toBe('2 minutes')
    expect(formatDuration(40, 'en')).toBe('40 seconds')
    expect(formatDuration(1, 'en')).toBe('1 second')
  })

  it('names a zone by its city', () => {
    expect(zoneCity('America/New_York')).toBe('New York')
    expect(zoneCity('UTC')).toBe('UTC')
  })
})
