import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { addBusinessMs, type BusinessHours, businessMsBetween } from './business-time.ts'

const berlin: BusinessHours = {
  timeZone: 'Europe/Berlin',
  windows: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, open: '09:00', close: '17:00' })),
}
const hour = 3_600_000

describe('business time', () => {
  it('counts only opening hours: a message on Friday 16:00 answered Monday 10:00 waited 2 business hours', () => {
    const friday = Date.parse('2026-03-06T15:00:00Z') // 16:00 in Berlin
    const monday = Date.parse('2026-03-09T09:00:00Z') // 10:00 in Berlin
    expect(businessMsBetween(berlin, friday, monday)).toBe(2 * hour)
    expect(addBusinessMs(berlin, friday, 2 * hour)).toBe(monday)
  })

  it('follows the zone across a DST change', () => {
    // Berlin springs forward on 29 March 2026: Monday 30 March opens at 07:00 UTC.
    const before = Date.parse('2026-03-27T15:00:00Z') // Friday 16:00 CET
    expect(addBusinessMs(berlin, before, 2 * hour)).toBe(Date.parse('2026-03-30T08:00:00Z'))
  })

  it('with no hours set, every hour counts', () => {
    expect(businessMsBetween({ timeZone: 'UTC', windows: [] }, 0, 5 * hour)).toBe(5 * hour)
  })

  it('adding then measuring gives back what was added', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.parse('2026-01-01'), max: Date.parse('2027-01-01') }),
        fc.integer({ min: 0, max: 80 * hour }),
        (from, ms) => {
          const due = addBusinessMs(berlin, from, ms)
          expect(businessMsBetween(berlin, from, due)).toBe(ms)
        },
      ),
      { numRuns: 200 },
    )
  })
})
