import { and, asc, count, eq, max, sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { inboxReplies, snippets } from '../schema/index.ts'

export type SnippetRow = typeof snippets.$inferSelect & { uses: number; lastUsedAt: Date | null }

/** A workspace's saved replies by name, each with how often replies started from it (one query). */
export async function listSnippets(
  executor: Executor,
  workspaceId: string,
  only?: { id: string },
): Promise<SnippetRow[]> {
  const rows = await executor
    .select({
      snippet: snippets,
      uses: count(inboxReplies.id),
      lastUsedAt: max(inboxReplies.createdAt),
    })
    .from(snippets)
    .leftJoin(inboxReplies, eq(inboxReplies.snippetId, snippets.id))
    .where(and(eq(snippets.workspaceId, workspaceId), only ? eq(snippets.id, only.id) : sql`true`))
    .groupBy(snippets.id)
    .orderBy(asc(snippets.name), asc(snippets.id))
  return rows.map((r) => ({
    ...r.snippet,
    uses: Number(r.uses),
    lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : null,
  }))
}
