import type { Database } from '../store/connect.ts'

/** The channel the inbox's event stream listens on; payload `{ w, ids }` (ids cut to fit NOTIFY). */
export const INBOX_CHANNEL = 'sous_inbox'
const MAX_IDS = 100

/** Tells open inbox pages (GET …/inbox/events) which items are new or changed. */
export async function announceInboxChange(
  database: Database,
  workspaceId: string,
  itemIds: string[],
): Promise<void> {
  if (itemIds.length === 0) return
  const more = itemIds.length > MAX_IDS
  const payload = JSON.stringify({ w: workspaceId, ids: itemIds.slice(0, MAX_IDS), more })
  await database.notifier.notify(INBOX_CHANNEL, payload)
}
