import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { deliveries, postLabels, posts, variants } from '../schema/index.ts'

/** A post with its variants and their deliveries, for presentation. */
export async function loadPost(db: Db, workspaceId: string, postId: string) {
  const [loaded] = await loadPosts(db, workspaceId, [postId])
  return loaded ?? null
}

/** Several posts with their variants and deliveries, in the order of `postIds`. */
export async function loadPosts(db: Db, workspaceId: string, postIds: string[]) {
  if (postIds.length === 0) return []
  const postRows = await db
    .select()
    .from(posts)
    .where(and(inArray(posts.id, postIds), eq(posts.workspaceId, workspaceId)))
  const variantRows = await db
    .select()
    .from(variants)
    .where(inArray(variants.postId, postIds))
    .orderBy(asc(variants.position), asc(variants.id))
  const deliveryRows = await db
    .select()
    .from(deliveries)
    .where(inArray(deliveries.postId, postIds))
    .orderBy(asc(deliveries.segment))
  const labelRows = await db.select().from(postLabels).where(inArray(postLabels.postId, postIds))
  return postIds.flatMap((id) => {
    const post = postRows.find((p) => p.id === id)
    if (!post) return []
    return [
      {
        post,
        variants: variantRows.filter((v) => v.postId === id),
        deliveries: deliveryRows.filter((d) => d.postId === id),
        labels: labelRows.find((l) => l.postId === id) ?? null,
      },
    ]
  })
}

/**
 * Post ids newest first, keyset-paged: `before` is the last id of the page before (compared
 * in the database at its full microsecond precision). `drafts`: only posts with a variant
 * that is not scheduled (no deliveries), or with no variant yet.
 */
export async function listPostIds(
  db: Db,
  workspaceId: string,
  options: { drafts: boolean; before?: string; limit: number },
): Promise<string[]> {
  const draft = sql`(exists (select 1 from ${variants} v where v.post_id = ${posts.id}
    and not exists (select 1 from ${deliveries} d where d.variant_id = v.id))
    or not exists (select 1 from ${variants} v where v.post_id = ${posts.id}))`
  const olderThanCursor = options.before
    ? sql`(${posts.createdAt}, ${posts.id}) < (select p.created_at, p.id from ${posts} p
        where p.id = ${options.before} and p.workspace_id = ${workspaceId})`
    : undefined
  const rows = await db
    .select({ id: posts.id })
    .from(posts)
    .where(
      and(eq(posts.workspaceId, workspaceId), olderThanCursor, options.drafts ? draft : undefined),
    )
    .orderBy(desc(posts.createdAt), desc(posts.id))
    .limit(options.limit)
  return rows.map((r) => r.id)
}
