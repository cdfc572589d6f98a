import { and, eq, ne } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { snippets } from '../store/schema/index.ts'

/** Renames a snippet or changes its text; replies already sent keep their own text. Audited. */
export async function changeSnippet(
  db: Db,
  input: {
    workspaceId: string
    userId: string
    snippetId: string
    changes: { name?: string; text?: string }
    ip?: string
  },
) {
  const { name, text } = input.changes
  return db.transaction(async (tx) => {
    if (name !== undefined) {
      const [taken] = await tx
        .select({ id: snippets.id })
        .from(snippets)
        .where(
          and(
            eq(snippets.workspaceId, input.workspaceId),
            eq(snippets.name, name),
            ne(snippets.id, input.snippetId),
          ),
        )
      if (taken) throw new ConflictError(`A snippet named “${name}” exists: choose another name`)
    }
    const [snippet] = await tx
      .update(snippets)
      .set({
        ...(name !== undefined ? { name } : {}),
        ...(text !== undefined ? { text } : {}),
        updatedAt: new Date(),
      })
      .where(and(eq(snippets.id, input.snippetId), eq(snippets.workspaceId, input.workspaceId)))
      .returning()
    if (!snippet) throw new NotFoundError('That snippet')
    await recordAudit(tx, {
      action: 'snippet.changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'snippet',
      targetId: snippet.id,
      data: { name: snippet.name, changed: Object.keys(input.changes) },
      ip: input.ip,
    })
    return snippet
  })
}
