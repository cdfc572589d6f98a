import { and, asc, eq, gte, inArray, lt } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { accounts, deliveries, postLabels, variants } from '../schema/index.ts'

/** Deliveries of the workspace due in a range, or the ones waiting for a person, in time order. */
export async function listDeliveryEntries(
  db: Db,
  workspaceId: string,
  filter: { from: Date; to: Date } | { waitingForReview: true },
) {
  const where =
    'from' in filter
      ? and(gte(deliveries.dueAt, filter.from), lt(deliveries.dueAt, filter.to))
      : inArray(deliveries.state, ['needs_review', 'held'])
  return db
    .select({
      delivery: deliveries,
      handle: accounts.handle,
      network: accounts.network,
      segments: variants.segments,
      campaignId: postLabels.campaignId,
    })
    .from(deliveries)
    .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
    .innerJoin(variants, eq(variants.id, deliveries.variantId))
    .leftJoin(postLabels, eq(postLabels.postId, deliveries.postId))
    .where(and(eq(accounts.workspaceId, workspaceId), where))
    .orderBy(asc(deliveries.dueAt), asc(deliveries.segment))
    .limit(2_000)
}
