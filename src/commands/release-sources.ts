import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'

/**
 * Gives back sources a job leased but did not poll (the host asked us to wait, or the
 * worker is stopping): due again at `notBefore`, or as they were.
 */
export async function releaseSources(
  db: Db,
  input: { sourceIds: readonly string[]; notBefore?: Date },
): Promise<void> {
  if (input.sourceIds.length === 0) return
  const notBefore = input.notBefore?.toISOString() ?? null
  await db.execute(sql`
    update feed_sources
    set polling_until = null,
        next_poll_at = greatest(next_poll_at, coalesce(${notBefore}::timestamptz, next_poll_at))
    where id = any(${sql.param([...input.sourceIds])}::uuid[])`)
}
