import { and, asc, desc, eq, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { campaigns, deliveries, postLabels, posts } from '../schema/index.ts'

export type CampaignRow = typeof campaigns.$inferSelect

/** A workspace's campaigns, latest start first, keyset-paged by id. */
export async function listCampaigns(
  db: Db,
  workspaceId: string,
  options: { before?: string; limit: number },
): Promise<CampaignRow[]> {
  const cursor = options.before
    ? await db
        .select()
        .from(campaigns)
        .where(and(eq(campaigns.id, options.before), eq(campaigns.workspaceId, workspaceId)))
    : []
  const after = cursor[0]
  return db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.workspaceId, workspaceId),
        after
          ? or(
              lt(campaigns.startsAt, after.startsAt),
              and(eq(campaigns.startsAt, after.startsAt), lt(campaigns.id, after.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(campaigns.startsAt), desc(campaigns.id))
    .limit(options.limit)
}

export async function findCampaign(db: Db, workspaceId: string, campaignId: string) {
  const [row] = await db
    .select()
    .from(campaigns)
    .where(and(eq(campaigns.id, campaignId), eq(campaigns.workspaceId, workspaceId)))
  return row ?? null
}

/** The campaign's posts (the idea's words) with when each is (or was) due and whether it is out yet. */
export async function campaignPosts(db: Db, campaignId: string) {
  const rows = await db
    .select({
      postId: postLabels.postId,
      // The idea's words, else its first variant's first post (a post written per account).
      text: sql<
        string | null
      >`coalesce(${posts.text}, (select v.segments->0->>'text' from variants v
        where v.post_id = ${postLabels.postId} order by v.position limit 1))`,
      dueAt: sql<Date | null>`min(${deliveries.dueAt})`.mapWith((v) => (v ? new Date(v) : null)),
      published: sql<number>`count(*) filter (where ${deliveries.state} = 'published')::int`,
      pending: sql<number>`count(*) filter (where ${deliveries.state} in ('scheduled', 'claimed', 'retry_wait', 'held', 'needs_review'))::int`,
    })
    .from(postLabels)
    .innerJoin(posts, eq(posts.id, postLabels.postId))
    .leftJoin(deliveries, and(eq(deliveries.postId, postLabels.postId), eq(deliveries.segment, 0)))
    .where(eq(postLabels.campaignId, campaignId))
    .groupBy(postLabels.postId, posts.text)
    .orderBy(asc(sql`min(${deliveries.dueAt})`))
  return rows
}

/** Campaigns of a workspace that overlap a period: what a campaign's results are set against. */
export async function campaignsOverlapping(db: Db, workspaceId: string, from: Date, to: Date) {
  return db
    .select()
    .from(campaigns)
    .where(
      and(
        eq(campaigns.workspaceId, workspaceId),
        lt(campaigns.startsAt, to),
        sql`${campaigns.endsAt} > ${from.toISOString()}`,
      ),
    )
}
