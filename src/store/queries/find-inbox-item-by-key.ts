import { and, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { inboxItems } from '../schema/index.ts'

/** The workspace's inbox item with this dedupe key (one per event and workspace), if any. */
export async function findInboxItemByKey(
  db: Db,
  workspaceId: string,
  dedupeKey: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ id: inboxItems.id })
    .from(inboxItems)
    .where(and(eq(inboxItems.workspaceId, workspaceId), eq(inboxItems.dedupeKey, dedupeKey)))
  return row?.id
}
