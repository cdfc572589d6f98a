import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { savedSearches } from '../schema/index.ts'

export type SavedSearchRow = typeof savedSearches.$inferSelect

/** A workspace's saved searches, oldest first (at most 200: one page). */
export async function listSavedSearches(
  db: Db,
  workspaceId: string,
  options: { only?: string } = {},
): Promise<SavedSearchRow[]> {
  return db
    .select()
    .from(savedSearches)
    .where(
      and(
        eq(savedSearches.workspaceId, workspaceId),
        options.only ? eq(savedSearches.id, options.only) : undefined,
      ),
    )
    .orderBy(asc(savedSearches.createdAt), asc(savedSearches.id))
}
