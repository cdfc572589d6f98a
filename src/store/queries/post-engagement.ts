import { and, asc, eq, inArray, isNotNull, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { accounts, deliveries, engagementSnapshots, inboxItems, posts } from '../schema/index.ts'

/** A post's published deliveries with every snapshot, oldest first, and the inbox's answers. */
export async function postEngagement(db: Db, workspaceId: string, postId: string) {
  const [post] = await db
    .select({ id: posts.id })
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)))
  if (!post) return null
  const published = await db
    .select({
      id: deliveries.id,
      variantId: deliveries.variantId,
      accountId: deliveries.accountId,
      segment: deliveries.segment,
      uri: deliveries.uri,
      url: deliveries.url,
      publishedAt: deliveries.publishedAt,
      network: accounts.network,
      handle: accounts.handle,
      disconnected: sql<boolean>`${accounts.disconnectedAt} is not null`,
    })
    .from(deliveries)
    .innerJoin(accounts, eq(accounts.id, deliveries.accountId))
    .where(and(eq(deliveries.postId, postId), isNotNull(deliveries.uri)))
    .orderBy(asc(deliveries.segment))
  const ids = published.map((d) => d.id)
  const uris = published.flatMap((d) => (d.uri ? [d.uri] : []))
  const [snapshots, answers] = await Promise.all([
    ids.length
      ? db
          .select()
          .from(engagementSnapshots)
          .where(inArray(engagementSnapshots.deliveryId, ids))
          .orderBy(asc(engagementSnapshots.takenAt), asc(engagementSnapshots.id))
      : [],
    uris.length
      ? db
          .select({
            subjectUri: inboxItems.subjectUri,
            replies: sql<number>`count(*)::int`,
            answered: sql<number>`count(${inboxItems.firstResponseAt})::int`,
            medianSeconds: sql<number | null>`percentile_cont(0.5) within group (order by
              extract(epoch from ${inboxItems.firstResponseAt} - ${inboxItems.createdAt}))`,
          })
          .from(inboxItems)
          .where(
            and(
              eq(inboxItems.workspaceId, workspaceId),
              eq(inboxItems.eventKind, 'reply'),
              inArray(inboxItems.subjectUri, uris),
            ),
          )
          .groupBy(inboxItems.subjectUri)
      : [],
  ])
  return { postId, published, snapshots, answers }
}
