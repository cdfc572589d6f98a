import { and, eq } from 'drizzle-orm'
import { InvalidInputError, NotFoundError } from '../core/errors.ts'
import { isValidTimeZone, type QueueSlot, repeatedSlots } from '../core/schedule/queue-slots.ts'
import type { Db } from '../store/connect.ts'
import { isConnected } from '../store/queries/connected-accounts.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts } from '../store/schema/index.ts'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

/**
 * Replaces an account's weekly queue. A slot given twice is refused rather than merged: it
 * usually means one of them was meant to be another day or time.
 */
export async function setAccountQueue(
  db: Db,
  input: {
    workspaceId: string
    accountId: string
    userId: string
    timeZone: string
    slots: QueueSlot[]
    ip?: string
  },
) {
  if (!isValidTimeZone(input.timeZone)) {
    throw new InvalidInputError(`${input.timeZone} is not an IANA time zone (like Europe/Berlin)`, {
      timeZone: 'unknown zone',
    })
  }
  const repeats = repeatedSlots(input.slots).map(({ index, first }) => {
    const slot = input.slots[index] ?? { weekday: 1, time: '' }
    return { index, first, name: `${WEEKDAYS[slot.weekday - 1]} ${slot.time}` }
  })
  if (repeats.length) {
    throw new InvalidInputError(
      `Each slot once: ${repeats.map((r) => r.name).join(', ')} given twice`,
      Object.fromEntries(
        repeats.map((r) => [`slots.${r.index}`, `${r.name} repeats slots.${r.first}`]),
      ),
    )
  }

  return db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ timeZone: input.timeZone, queueSlots: input.slots })
      .where(
        and(
          eq(accounts.id, input.accountId),
          eq(accounts.workspaceId, input.workspaceId),
          isConnected(),
        ),
      )
      .returning()
    if (!account) throw new NotFoundError('That account')
    await recordAudit(tx, {
      action: 'account.queue_changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'account',
      targetId: account.id,
      data: { timeZone: input.timeZone, slots: input.slots.length },
      ip: input.ip,
    })
    return account
  })
}
