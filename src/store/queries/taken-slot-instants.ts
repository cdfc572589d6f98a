import { and, eq, ne, notInArray } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { deliveries } from '../schema/index.ts'

/** The times an account's posts already hold (a failed one frees its time), but `exceptPostId`'s. */
export async function takenSlotInstants(
  executor: Executor,
  accountId: string,
  exceptPostId?: string,
): Promise<Set<number>> {
  const rows = await executor
    .select({ dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.accountId, accountId),
        eq(deliveries.segment, 0),
        notInArray(deliveries.state, ['failed']),
        ...(exceptPostId ? [ne(deliveries.postId, exceptPostId)] : []),
      ),
    )
  return new Set(rows.map((r) => r.dueAt.getTime()))
}
