import { and, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { listenMatches } from '../schema/index.ts'
import type { ListenMatchRow } from './list-listen-matches.ts'

/** One stored match of a search (or crisis watch) of the workspace. */
export async function readListenMatch(
  db: Db,
  input: { workspaceId: string; searchId: string; matchId: string },
): Promise<ListenMatchRow | undefined> {
  const [row] = await db
    .select()
    .from(listenMatches)
    .where(
      and(
        eq(listenMatches.id, input.matchId),
        eq(listenMatches.searchId, input.searchId),
        eq(listenMatches.workspaceId, input.workspaceId),
      ),
    )
  return row
}
