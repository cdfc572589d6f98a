import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import type { ScheduleMode } from '../core/compose/post-changes.ts'
import { InvalidInputError } from '../core/errors.ts'
import { nextFreeSlot } from '../core/schedule/queue-slots.ts'
import { enqueueMany } from '../queue/enqueue.ts'
import { deliverJobKey, deliverSpec } from '../queue/specs/deliver-spec.ts'
import type { Database } from '../store/connect.ts'
import type { Tx } from '../store/executor.ts'
import { takenSlotInstants } from '../store/queries/taken-slot-instants.ts'
import { type accounts, deliveries } from '../store/schema/index.ts'

type AccountRow = typeof accounts.$inferSelect

/** When a variant for this account is due: now, the given time, or its next free queue slot. */
export async function dueTimeFor(
  tx: Tx,
  choice: { mode: ScheduleMode; at?: Date },
  account: AccountRow,
  now: Date,
  ownPostId?: string,
): Promise<Date> {
  if (choice.mode === 'now') return now
  if (choice.mode === 'at' && choice.at) return choice.at
  const instant = nextFreeSlot(
    account.queueSlots,
    account.timeZone,
    now,
    await takenSlotInstants(tx, account.id, ownPostId),
  )
  if (instant === null)
    throw new InvalidInputError(`${account.handle} has no free queue slot within a year`)
  return new Date(instant)
}

/**
 * One delivery per segment of a variant, each with its publish key fixed now, before any
 * attempt (every retry sends it again: exactly once). Only the first segment gets a job;
 * each later one is started when the one before it is out. Returns the rows as inserted.
 */
export async function insertDeliveries(
  database: Database,
  tx: Tx,
  variant: { postId: string; variantId: string; accountId: string; segments: number },
  dueAt: Date,
): Promise<Array<typeof deliveries.$inferSelect>> {
  const rows = Array.from({ length: variant.segments }, (_, segment) => {
    const id = randomUUID()
    return {
      id,
      postId: variant.postId,
      variantId: variant.variantId,
      accountId: variant.accountId,
      segment,
      state: 'scheduled' as const,
      dueAt,
      runAt: dueAt,
      publishKey: id,
    }
  })
  const inserted = await tx.insert(deliveries).values(rows).returning()
  const first = rows[0]
  if (first) await enqueueDelivery(database, tx, first.id, dueAt)
  return inserted
}

/** Moves a variant's untouched deliveries to a new time; the old job finds nothing due and ends. */
export async function moveDeliveries(
  database: Database,
  tx: Tx,
  variantId: string,
  dueAt: Date,
  now: Date,
): Promise<void> {
  const moved = await tx
    .update(deliveries)
    .set({ dueAt, runAt: dueAt, updatedAt: now })
    .where(and(eq(deliveries.variantId, variantId), eq(deliveries.state, 'scheduled')))
    .returning({ id: deliveries.id, segment: deliveries.segment })
  const first = moved.find((d) => d.segment === 0)
  if (first) await enqueueDelivery(database, tx, first.id, dueAt)
}

export async function enqueueDelivery(
  database: Database,
  tx: Tx,
  deliveryId: string,
  runAt: Date,
): Promise<void> {
  await enqueueMany(
    database,
    deliverSpec,
    [{ payload: { deliveryId }, runAt, uniqueKey: deliverJobKey(deliveryId, runAt) }],
    { executor: tx },
  )
}
