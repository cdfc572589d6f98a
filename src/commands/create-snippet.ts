import { count, eq } from 'drizzle-orm'
import { ConflictError, InvalidInputError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { snippets } from '../store/schema/index.ts'

/** Saved replies per workspace: enough for every team we know of, few enough to list whole. */
export const MAX_SNIPPETS_PER_WORKSPACE = 500

/** Saves a reply the team can start from; names are unique in the workspace. Audited. */
export async function createSnippet(
  db: Db,
  input: { workspaceId: string; userId: string; name: string; text: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .select({ n: count() })
      .from(snippets)
      .where(eq(snippets.workspaceId, input.workspaceId))
    if ((saved?.n ?? 0) >= MAX_SNIPPETS_PER_WORKSPACE)
      throw new InvalidInputError(
        `This workspace has ${MAX_SNIPPETS_PER_WORKSPACE} snippets, the most it may: delete one first`,
      )
    const [snippet] = await tx
      .insert(snippets)
      .values({
        workspaceId: input.workspaceId,
        name: input.name,
        text: input.text,
        createdBy: input.userId,
      })
      .onConflictDoNothing()
      .returning()
    if (!snippet)
      throw new ConflictError(`A snippet named “${input.name}” exists: choose another name`)
    await recordAudit(tx, {
      action: 'snippet.created',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'snippet',
      targetId: snippet.id,
      data: { name: snippet.name },
      ip: input.ip,
    })
    return snippet
  })
}
