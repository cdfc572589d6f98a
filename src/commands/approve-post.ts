import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { posts } from '../store/schema/index.ts'

/** An editor approves a contributor's post; it then goes out at its time (or waits in review if that passed). */
export async function approvePost(
  db: Db,
  input: { workspaceId: string; postId: string; userId: string; ip?: string },
) {
  await db.transaction(async (tx) => {
    const [post] = await tx
      .update(posts)
      .set({ approval: 'approved', approvedBy: input.userId, approvedAt: new Date() })
      .where(
        and(
          eq(posts.id, input.postId),
          eq(posts.workspaceId, input.workspaceId),
          eq(posts.approval, 'pending'),
        ),
      )
      .returning()
    if (!post) throw new NotFoundError('A post waiting for approval with that id')
    await recordAudit(tx, {
      action: 'post.approved',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'post',
      targetId: post.id,
      ip: input.ip,
    })
  })
}
