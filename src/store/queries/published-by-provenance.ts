import { and, eq, gte, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { deliveries, posts } from '../schema/index.ts'

/** Posts published in the last 30 days per account and provenance (7-day count beside it). */
export async function publishedByProvenance(db: Db, workspaceId: string, now = new Date()) {
  const since = new Date(now.getTime() - 30 * 24 * 60 * 60_000)
  const weekAgo = new Date(now.getTime() - 7 * 24 * 60 * 60_000)
  return db
    .select({
      accountId: deliveries.accountId,
      provenance: posts.provenance,
      recent: sql<number>`(count(*) filter (where ${deliveries.publishedAt} >= ${weekAgo}))::int`,
      month: sql<number>`count(*)::int`,
    })
    .from(deliveries)
    .innerJoin(posts, eq(posts.id, deliveries.postId))
    .where(
      and(
        eq(posts.workspaceId, workspaceId),
        eq(deliveries.segment, 0),
        gte(deliveries.publishedAt, since),
      ),
    )
    .groupBy(deliveries.accountId, posts.provenance)
}
