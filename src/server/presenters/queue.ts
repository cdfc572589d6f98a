import { z } from '@hono/zod-openapi'
import { localTime, nextFreeSlots, type QueueSlot } from '../../core/schedule/queue-slots.ts'

const UPCOMING = 10

export const QueueSlotSchema = z.strictObject({
  weekday: z
    .number()
    .int()
    .min(1)
    .max(7)
    .openapi({ description: 'ISO weekday: 1 = Monday … 7 = Sunday' }),
  time: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/)
    .openapi({ example: '09:30' }),
})

export const QueueSchema = z
  .object({
    timeZone: z.string(),
    slots: z.array(QueueSlotSchema),
    upcoming: z
      .array(
        z.object({
          at: z.iso.datetime(),
          local: z.string().openapi({
            description: 'The same moment on the account’s clock, with its offset',
            example: '2026-03-09T09:30:00-04:00',
          }),
        }),
      )
      .openapi({
        description: `The next ${UPCOMING} free slots (not yet held by a post), DST-correct`,
      }),
  })
  .openapi('Queue')

export function presentQueue(
  queue: { timeZone: string; slots: QueueSlot[]; taken: ReadonlySet<number> },
  now: Date,
): z.infer<typeof QueueSchema> {
  const free = nextFreeSlots(queue.slots, queue.timeZone, now, queue.taken, UPCOMING)
  return {
    timeZone: queue.timeZone,
    slots: queue.slots,
    upcoming: free.map((instant) => ({
      at: new Date(instant).toISOString(),
      local: localTime(instant, queue.timeZone),
    })),
  }
}
