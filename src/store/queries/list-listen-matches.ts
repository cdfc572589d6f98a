import { and, desc, eq, lt, or } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { listenMatches } from '../schema/index.ts'

export type ListenMatchRow = typeof listenMatches.$inferSelect

/** Matches of one search (or crisis watch), newest first, keyset-paged by (matchedAt, id). */
export async function listListenMatches(
  db: Db,
  input: {
    workspaceId: string
    searchId: string
    before?: { matchedAt: Date; id: string }
    limit: number
  },
): Promise<ListenMatchRow[]> {
  const { before } = input
  return db
    .select()
    .from(listenMatches)
    .where(
      and(
        eq(listenMatches.searchId, input.searchId),
        eq(listenMatches.workspaceId, input.workspaceId),
        before
          ? or(
              lt(listenMatches.matchedAt, before.matchedAt),
              and(eq(listenMatches.matchedAt, before.matchedAt), lt(listenMatches.id, before.id)),
            )
          : undefined,
      ),
    )
    .orderBy(desc(listenMatches.matchedAt), desc(listenMatches.id))
    .limit(input.limit)
}
