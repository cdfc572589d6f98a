import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { deliveries, posts, variants } from '../schema/index.ts'

/** A post with its variants and their deliveries, for presentation. */
export async function loadPost(db: Db, workspaceId: string, postId: string) {
  const [post] = await db
    .select()
    .from(posts)
    .where(and(eq(posts.id, postId), eq(posts.workspaceId, workspaceId)))
  if (!post) return null
  const variantRows = await db.select().from(variants).where(eq(variants.postId, post.id))
  const deliveryRows = await db
    .select()
    .from(deliveries)
    .where(eq(deliveries.postId, post.id))
    .orderBy(asc(deliveries.segment))
  return { post, variants: variantRows, deliveries: deliveryRows }
}
