import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'

/**
 * What the listening source's holder reports: connected or not, why, and its lag. While
 * connected, the lag is the one measured when the last batch was stored (how old its newest
 * post was): a quiet source (a personal PDS, a rare hashtag) is not behind. Disconnected,
 * it grows with the time since the last post read.
 */
export async function recordListenState(
  db: Db,
  input: { source: string; holder: string; state: string; detail: string | null },
): Promise<void> {
  await db.execute(sql`
    update listen_leases set state = ${input.state}, detail = ${input.detail},
      lag_seconds = case when last_event_at is null then null
        when ${input.state} = 'connected' then lag_seconds
        else greatest(0, extract(epoch from now() - last_event_at))::int end,
      updated_at = now()
    where source = ${input.source} and holder = ${input.holder}`)
}
