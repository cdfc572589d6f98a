import { and, eq, sql } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { media, posts, variants } from '../store/schema/index.ts'

/** Removes an image from the library; one that a post still uses stays, so no delivery loses it. */
export async function deleteMedia(
  db: Db,
  input: { workspaceId: string; mediaId: string; userId: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const [used] = await tx
      .select({ postId: posts.id })
      .from(variants)
      .innerJoin(posts, eq(posts.id, variants.postId))
      .where(
        and(
          eq(posts.workspaceId, input.workspaceId),
          sql`${variants.segments} @> ${JSON.stringify([{ mediaIds: [input.mediaId] }])}::jsonb`,
        ),
      )
      .limit(1)
    if (used) throw new ConflictError('A post uses this image; remove it from the post first')
    const [gone] = await tx
      .delete(media)
      .where(and(eq(media.id, input.mediaId), eq(media.workspaceId, input.workspaceId)))
      .returning({ id: media.id, mimeType: media.mimeType, size: media.size, sha256: media.sha256 })
    if (!gone) throw new NotFoundError('That image')
    await recordAudit(tx, {
      action: 'media.deleted',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'media',
      targetId: gone.id,
      data: { mimeType: gone.mimeType, size: gone.size, sha256: gone.sha256 },
      ip: input.ip,
    })
  })
}
