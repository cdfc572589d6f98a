import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'
import { inboxSync } from '../store/schema/index.ts'

/**
 * Where an account's stream catch-up reads on, stored only after what came before it is
 * stored: a crash re-reads (idempotent), never skips.
 */
export async function recordStreamCursor(db: Db, accountId: string, cursor: string | null) {
  await db
    .insert(inboxSync)
    .values({ accountId, nextPollAt: sql`now()`, streamSinceId: cursor })
    .onConflictDoUpdate({ target: inboxSync.accountId, set: { streamSinceId: cursor } })
}
