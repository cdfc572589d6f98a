import { sql } from 'drizzle-orm'
import type { Database } from '../store/connect.ts'

/** How long a delivery may sit claimed, or overdue, with no job left to move it. */
export const STUCK_AFTER_MS = 10 * 60_000

/**
 * A delivery is stuck when nothing will ever move it again: its job died (a worker kept
 * crashing on it) while it was claimed or due. It goes to review with what is known — a
 * claimed one may or may not be out — so a person decides, never the machine by guessing.
 * A later thread segment whose segment before it is not out yet is waiting, not stuck.
 */
export async function flagStuckDeliveries(database: Database, now = new Date()): Promise<number> {
  const before = new Date(now.getTime() - STUCK_AFTER_MS)
  const result = await database.db.execute<{ id: string }>(sql`
    update deliveries d
    set state = 'needs_review',
        updated_at = ${now},
        error = case when d.state = 'claimed'
          then 'Its delivery stopped without an answer: it may or may not be out. Check the account, then decide'
          else 'Its delivery kept failing inside Sous and stopped: decide what happens to it' end
    where d.state in ('claimed', 'scheduled', 'retry_wait')
      and case when d.state = 'claimed' then d.updated_at else d.run_at end < ${before}
      and (d.segment = 0 or exists (
        select 1 from deliveries p
        where p.variant_id = d.variant_id and p.segment = d.segment - 1 and p.state = 'published'))
      and not exists (
        select 1 from jobs j
        where j.name = 'deliver' and j.state in ('pending', 'running')
          and j.payload->>'deliveryId' = d.id::text)
    returning d.id`)
  return result.rows.length
}
