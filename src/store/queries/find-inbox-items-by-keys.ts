import { and, eq, inArray } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { inboxItems } from '../schema/index.ts'

/** The workspace's inbox items with these dedupe keys (one per event and workspace), by key. */
export async function findInboxItemsByKeys(
  db: Db,
  workspaceId: string,
  dedupeKeys: string[],
): Promise<Map<string, string>> {
  if (dedupeKeys.length === 0) return new Map()
  const rows = await db
    .select({ id: inboxItems.id, dedupeKey: inboxItems.dedupeKey })
    .from(inboxItems)
    .where(and(eq(inboxItems.workspaceId, workspaceId), inArray(inboxItems.dedupeKey, dedupeKeys)))
  return new Map(rows.map((row) => [row.dedupeKey, row.id]))
}
