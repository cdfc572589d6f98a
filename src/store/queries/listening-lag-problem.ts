import { sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

/** Listening more than this behind its source makes the instance not ready. */
export const MAX_LISTEN_LAG_SECONDS = 120

/**
 * A readiness problem when a consumed listening source has fallen behind: connected, its last
 * stored batch was old when stored (a flood it cannot keep up with); disconnected, it has read
 * nothing for a while. A connected source that is merely quiet is not behind.
 */
export async function listeningLagProblem(db: Db): Promise<string | null> {
  const result = await db.execute<{
    source: string
    state: string
    detail: string | null
    lag: number
  }>(sql`
    select source, state, detail,
      case when state = 'connected' then coalesce(lag_seconds, 0)
        else extract(epoch from now() - last_event_at)::int end as lag
    from listen_leases
    where holder is not null and expires_at > now() and last_event_at is not null`)
  const behind = result.rows.find((row) => row.lag > MAX_LISTEN_LAG_SECONDS)
  if (!behind) return null
  return `listening is ${behind.lag} s behind ${behind.source} (${behind.state}${behind.detail ? `: ${behind.detail}` : ''})`
}
