import { Temporal } from 'temporal-polyfill'

/** A weekly time slot in an account's queue: ISO weekday (1 = Monday … 7 = Sunday) and local time. */
export type QueueSlot = { weekday: number; time: string }

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/

export function isValidSlot(slot: QueueSlot): boolean {
  return (
    Number.isInteger(slot.weekday) && slot.weekday >= 1 && slot.weekday <= 7 && TIME.test(slot.time)
  )
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    Temporal.Now.zonedDateTimeISO(timeZone)
    return true
  } catch {
    return false
  }
}

/**
 * The instant a local wall time means in a zone. A time that does not exist (the hour
 * skipped when DST starts) moves forward by the gap; an ambiguous one (the hour repeated
 * when DST ends) takes its first occurrence. Temporal calls this 'compatible'.
 */
export function zonedInstant(date: Temporal.PlainDate, time: string, timeZone: string): number {
  const [hour, minute] = time.split(':').map(Number)
  return date
    .toPlainDateTime({ hour: hour ?? 0, minute: minute ?? 0 })
    .toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds
}

/**
 * The next `count` slot instants strictly after `after`, in order, without repeats (two
 * slots can land on one instant on a DST day). Scans day by day in the zone's calendar.
 */
export function upcomingSlotInstants(
  slots: QueueSlot[],
  timeZone: string,
  after: Date,
  count: number,
): number[] {
  const valid = [
    ...new Map(slots.filter(isValidSlot).map((s) => [`${s.weekday} ${s.time}`, s])).values(),
  ]
  if (valid.length === 0 || count <= 0) return []
  const found = new Set<number>()
  // Start a day early: a slot late on the previous local day can still be after `after`.
  let day = Temporal.Instant.fromEpochMilliseconds(after.getTime())
    .toZonedDateTimeISO(timeZone)
    .toPlainDate()
    .subtract({ days: 1 })
  const result: number[] = []
  // Every weekday with a slot appears within 8 days, so `count` results need at most this many.
  const maxDays = 8 * (Math.ceil(count / valid.length) + 1)
  // One day past the `count`th: a DST shift can move a slot of the next day before it.
  let extraDays = 1
  for (let i = 0; i < maxDays && extraDays >= 0; i++, day = day.add({ days: 1 })) {
    if (result.length >= count) extraDays--
    const today = day
    const instants = valid
      .filter((slot) => slot.weekday === today.dayOfWeek)
      .map((slot) => zonedInstant(today, slot.time, timeZone))
      .filter((instant) => instant > after.getTime())
    for (const instant of instants) {
      if (found.has(instant)) continue
      found.add(instant)
      result.push(instant)
    }
  }
  return result.sort((a, b) => a - b).slice(0, count)
}

/** The first slot after `after` that no other post of the account already holds. */
export function nextFreeSlot(
  slots: QueueSlot[],
  timeZone: string,
  after: Date,
  taken: ReadonlySet<number>,
): number | null {
  return nextFreeSlots(slots, timeZone, after, taken, 1)[0] ?? null
}

/** The next `count` slots after `after` that no other post of the account already holds. */
export function nextFreeSlots(
  slots: QueueSlot[],
  timeZone: string,
  after: Date,
  taken: ReadonlySet<number>,
  count: number,
): number[] {
  const batch = 64
  const free: number[] = []
  let from = after
  // Bounded: a queue a year deep is a configuration problem, not something to search forever.
  for (let scanned = 0; scanned < 52 * 7 * 24 && free.length < count; scanned += batch) {
    const instants = upcomingSlotInstants(slots, timeZone, from, batch)
    if (instants.length === 0) break
    free.push(...instants.filter((instant) => !taken.has(instant)))
    from = new Date(instants.at(-1) ?? after.getTime())
  }
  return free.slice(0, count)
}

/** Each slot that repeats an earlier one (same weekday and time), by its index in `slots`. */
export function repeatedSlots(slots: QueueSlot[]): Array<{ index: number; first: number }> {
  const seen = new Map<string, number>()
  return slots.flatMap((slot, index) => {
    const key = `${slot.weekday} ${slot.time}`
    const first = seen.get(key)
    if (first === undefined) {
      seen.set(key, index)
      return []
    }
    return [{ index, first }]
  })
}

/** The wall time an instant shows in a zone, as ISO 8601 with its offset (2026-03-09T09:30:00-04:00). */
export function localTime(instant: number, timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(instant)
    .toZonedDateTimeISO(timeZone)
    .toString({ timeZoneName: 'never' })
}
