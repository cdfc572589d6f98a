import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { snippets } from '../store/schema/index.ts'

/** Deletes a snippet; replies that started from it stay, without the link. Audited. */
export async function deleteSnippet(
  db: Db,
  input: { workspaceId: string; userId: string; snippetId: string; ip?: string },
) {
  await db.transaction(async (tx) => {
    const [snippet] = await tx
      .delete(snippets)
      .where(and(eq(snippets.id, input.snippetId), eq(snippets.workspaceId, input.workspaceId)))
      .returning()
    if (!snippet) throw new NotFoundError('That snippet')
    await recordAudit(tx, {
      action: 'snippet.deleted',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'snippet',
      targetId: snippet.id,
      data: { name: snippet.name, text: snippet.text },
      ip: input.ip,
    })
  })
}
