import { and, eq, sql } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { feedSources } from '../store/schema/index.ts'

/**
 * Stops following a source: it and its items go, and so do its suggestions nobody decided
 * that no other source carries. Suggestions a person shared, saved or skipped stay: they
 * are the history that ranks the rest, and a post may come from one.
 */
export async function removeSource(
  db: Db,
  input: { workspaceId: string; sourceId: string; userId: string; ip?: string },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [source] = await tx
      .delete(feedSources)
      .where(
        and(eq(feedSources.id, input.sourceId), eq(feedSources.workspaceId, input.workspaceId)),
      )
      .returning({ id: feedSources.id, url: feedSources.url })
    if (!source) throw new NotFoundError('That source')
    await tx.execute(sql`
      delete from suggestions s
      where s.workspace_id = ${input.workspaceId} and s.state = 'new'
        and not exists (select 1 from feed_items i where i.suggestion_id = s.id)`)
    await recordAudit(tx, {
      action: 'source.removed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'feed_source',
      targetId: source.id,
      data: { url: source.url },
      ip: input.ip,
    })
  })
}
