import fc from 'fast-check'
import { Temporal } from 'temporal-polyfill'
import { describe, expect, it } from 'vitest'
import {
  localTime,
  nextFreeSlot,
  nextFreeSlots,
  type QueueSlot,
  repeatedSlots,
  upcomingSlotInstants,
  zonedInstant,
} from './queue-slots.ts'

const ZONES = [
  'America/New_York',
  'Europe/Berlin',
  'Australia/Sydney',
  'Asia/Kolkata',
  'America/Sao_Paulo',
  'Pacific/Chatham',
  'UTC',
]

const local = (instant: number, timeZone: string) =>
  Temporal.Instant.fromEpochMilliseconds(instant).toZonedDateTimeISO(timeZone)

describe('queue slots across DST', () => {
  it('moves a slot in the skipped hour forward (New York, 8 March 2026)', () => {
    const slots: QueueSlot[] = [{ weekday: 7, time: '02:30' }]
    const [instant] = upcomingSlotInstants(
      slots,
      'America/New_York',
      new Date('2026-03-07T12:00:00Z'),
      1,
    )
    expect(local(instant ?? 0, 'America/New_York').toString()).toBe(
      '2026-03-08T03:30:00-04:00[America/New_York]',
    )
  })

  it('takes the first of a repeated hour, once (New York, 1 November 2026)', () => {
    const slots: QueueSlot[] = [{ weekday: 7, time: '01:30' }]
    const instants = upcomingSlotInstants(
      slots,
      'America/New_York',
      new Date('2026-10-31T12:00:00Z'),
      2,
    )
    expect(local(instants[0] ?? 0, 'America/New_York').toString()).toBe(
      '2026-11-01T01:30:00-04:00[America/New_York]',
    )
    expect(
      local(instants[1] ?? 0, 'America/New_York')
        .toPlainDate()
        .toString(),
    ).toBe('2026-11-08')
  })

  it('weekdays 09:30 and 15:00 in Berlin give the right instants through the October change', () => {
    const slots: QueueSlot[] = [1, 2, 3, 4, 5].flatMap((weekday) => [
      { weekday, time: '09:30' },
      { weekday, time: '15:00' },
    ])
    const instants = upcomingSlotInstants(
      slots,
      'Europe/Berlin',
      new Date('2026-10-23T00:00:00Z'),
      6,
    )
    expect(instants.map((i) => new Date(i).toISOString())).toEqual([
      '2026-10-23T07:30:00.000Z',
      '2026-10-23T13:00:00.000Z',
      '2026-10-26T08:30:00.000Z',
      '2026-10-26T14:00:00.000Z',
      '2026-10-27T08:30:00.000Z',
      '2026-10-27T14:00:00.000Z',
    ])
  })

  it('skips slots already taken', () => {
    const slots: QueueSlot[] = [{ weekday: 1, time: '09:00' }]
    const after = new Date('2026-11-24T00:00:00Z')
    const [first, second] = upcomingSlotInstants(slots, 'UTC', after, 2)
    expect(nextFreeSlot(slots, 'UTC', after, new Set([first ?? 0]))).toBe(second)
    expect(nextFreeSlot([], 'UTC', after, new Set())).toBeNull()
  })

  it('lists the next free slots, leaving out taken ones, with their local time', () => {
    const slots: QueueSlot[] = [{ weekday: 1, time: '09:30' }]
    const after = new Date('2026-03-01T00:00:00Z')
    const all = upcomingSlotInstants(slots, 'America/New_York', after, 4)
    const free = nextFreeSlots(slots, 'America/New_York', after, new Set([all[1] ?? 0]), 3)
    expect(free).toEqual([all[0], all[2], all[3]])
    // 2 March is before the DST change, 9 March after it: same wall time, another offset.
    expect(free.slice(0, 1).map((i) => localTime(i, 'America/New_York'))).toEqual([
      '2026-03-02T09:30:00-05:00',
    ])
    expect(localTime(all[1] ?? 0, 'America/New_York')).toBe('2026-03-09T09:30:00-04:00')
  })

  it('finds a slot given twice, naming the first', () => {
    expect(
      repeatedSlots([
        { weekday: 1, time: '09:30' },
        { weekday: 2, time: '09:30' },
        { weekday: 1, time: '09:30' },
      ]),
    ).toEqual([{ index: 2, first: 0 }])
  })

  it('property: every result is a slot occurrence, in order, after the start, and none is missed', () => {
    const slotArb = fc.record({
      weekday: fc.integer({ min: 1, max: 7 }),
      time: fc
        .tuple(fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 45))
        .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`),
    })
    fc.assert(
      fc.property(
        fc.array(slotArb, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(...ZONES),
        fc.date({
          min: new Date('2020-01-01T00:00:00Z'),
          max: new Date('2035-12-31T00:00:00Z'),
          noInvalidDate: true,
        }),
        (slots, zone, after) => {
          const instants = upcomingSlotInstants(slots, zone, after, 10)
          expect(instants.length).toBe(10)
          for (let i = 0; i < instants.length; i++) {
            const instant = instants[i] ?? 0
            expect(instant).toBeGreaterThan(after.getTime())
            if (i > 0) expect(instant).toBeGreaterThan(instants[i - 1] ?? 0)
            const date = local(instant, zone).toPlainDate()
            // Some slot on that local day (or the day before, for a shifted 23:xx) maps here.
            const candidates = [date, date.subtract({ days: 1 })].flatMap((d) =>
              slots
                .filter((s) => s.weekday === d.dayOfWeek)
                .map((s) => zonedInstant(d, s.time, zone)),
            )
            expect(candidates).toContain(instant)
          }
          // Completeness: brute force every occurrence in the covered span.
          const last = instants.at(-1) ?? 0
          const expected = new Set<number>()
          let day = local(after.getTime(), zone).toPlainDate().subtract({ days: 1 })
          const end = local(last, zone).toPlainDate().add({ days: 1 })
          while (Temporal.PlainDate.compare(day, end) <= 0) {
            for (const s of slots) {
              if (s.weekday !== day.dayOfWeek) continue
              const instant = zonedInstant(day, s.time, zone)
              if (instant > after.getTime() && instant <= last) expected.add(instant)
            }
            day = day.add({ days: 1 })
          }
          expect(instants).toEqual([...expected].sort((a, b) => a - b))
        },
      ),
      { numRuns: 1000 },
    )
  })
})
