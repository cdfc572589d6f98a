import { eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { crisisWatches } from '../schema/index.ts'

export type CrisisWatchRow = typeof crisisWatches.$inferSelect

export async function readCrisisWatch(
  db: Db,
  workspaceId: string,
): Promise<CrisisWatchRow | undefined> {
  const [watch] = await db
    .select()
    .from(crisisWatches)
    .where(eq(crisisWatches.workspaceId, workspaceId))
  return watch
}
