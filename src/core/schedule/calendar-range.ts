import { InvalidInputError } from '../errors.ts'

const MAX_RANGE_MS = 366 * 24 * 60 * 60_000

/** A calendar shows at most a year at once, and its end comes after its start. */
export function assertCalendarRange(from: Date, to: Date): void {
  if (to <= from || to.getTime() - from.getTime() > MAX_RANGE_MS) {
    throw new InvalidInputError('`to` must be after `from`, at most a year later', {
      to: 'out of range',
    })
  }
}
