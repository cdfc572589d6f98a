import { sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'

/** Listening more than this behind its source makes the instance not ready. */
export const MAX_LISTEN_LAG_SECONDS = 120

/** A readiness problem when a consumed listening source has fallen behind (or stopped reading). */
export async function listeningLagProblem(db: Db): Promise<string | null> {
  const result = await db.execute<{
    source: string
    state: string
    detail: string | null
    lag: number
  }>(sql`
    select source, state, detail,
      extract(epoch from now() - last_event_at)::int as lag
    from listen_leases
    where holder is not null and expires_at > now() and last_event_at is not null`)
  const behind = result.rows.find((row) => row.lag > MAX_LISTEN_LAG_SECONDS)
  if (!behind) return null
  return `listening is ${behind.lag} s behind ${behind.source} (${behind.state}${behind.detail ? `: ${behind.detail}` : ''})`
}
