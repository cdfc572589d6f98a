import { sql } from 'drizzle-orm'
import { type ListenSourceKind, listenSourceKind } from '../../core/listen/source-names.ts'
import type { Db } from '../connect.ts'

/** Listening more than this behind its source is reported as behind. */
export const MAX_LISTEN_LAG_SECONDS = 120

export type ListeningLag = {
  source: string
  kind: ListenSourceKind
  state: string
  /** Null until the source has read a post. */
  lagSeconds: number | null
  behind: boolean
}

/**
 * How far behind each consumed listening source is: connected, the lag its last stored batch
 * had when stored (a flood it cannot keep up with); disconnected, the time since it last read
 * a post. A connected source that is merely quiet is not behind.
 */
export async function readListeningLag(db: Db): Promise<ListeningLag[]> {
  const result = await db.execute<{ source: string; state: string; lag: number | null }>(sql`
    select source, state,
      case when last_event_at is null then null
        when state = 'connected' then coalesce(lag_seconds, 0)
        else greatest(0, extract(epoch from now() - last_event_at))::int end as lag
    from listen_leases
    where holder is not null and expires_at > now()
    order by source`)
  return result.rows.flatMap((row) => {
    const kind = listenSourceKind(row.source)
    if (!kind) return []
    const lagSeconds = row.lag === null ? null : Number(row.lag)
    return [
      {
        source: row.source,
        kind,
        state: row.state,
        lagSeconds,
        behind: lagSeconds !== null && lagSeconds > MAX_LISTEN_LAG_SECONDS,
      },
    ]
  })
}
