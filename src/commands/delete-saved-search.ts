import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { listenMatches, listenVolume, savedSearches } from '../store/schema/index.ts'

/** Deletes a saved search with its matches and volume; its alerts stay, as history. */
export async function deleteSavedSearch(
  db: Db,
  input: { workspaceId: string; searchId: string; userId: string; ip?: string },
) {
  await db.transaction(async (tx) => {
    const [search] = await tx
      .delete(savedSearches)
      .where(
        and(eq(savedSearches.id, input.searchId), eq(savedSearches.workspaceId, input.workspaceId)),
      )
      .returning()
    if (!search) throw new NotFoundError('That saved search')
    await tx.delete(listenMatches).where(eq(listenMatches.searchId, search.id))
    await tx.delete(listenVolume).where(eq(listenVolume.searchId, search.id))
    await recordAudit(tx, {
      action: 'search.deleted',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'saved_search',
      targetId: search.id,
      data: { name: search.name, query: search.query },
      ip: input.ip,
    })
  })
}
