import { sql } from 'drizzle-orm'
import { minuteOf } from '../core/listen/minute-buckets.ts'
import { timeOrderedId } from '../core/listen/time-ordered-id.ts'
import { eventNetwork, type ListenEvent } from '../networks/listen/source.ts'
import type { Database } from '../store/connect.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'

/** Matches kept per search a minute (all are counted): a broad search sees a large share of all posts. */
export const STORED_PER_MINUTE = { broad: 60, other: 1_000 }

export type ListenMatch = { target: ListenTarget; event: ListenEvent }

export type RecordedMatches = {
  /** Per target, the newest minute it matched in: where spikes are checked. */
  touched: Map<string, { target: ListenTarget; minute: Date }>
  stored: Array<{ target: ListenTarget; event: ListenEvent; id: string }>
}

/**
 * Stores a batch of matches, counts them per minute and moves the source's cursor, in one
 * transaction (raw multi-row SQL: matches come in bursts). A post the source sends again
 * collides on (search, DID, record key) and is neither stored nor counted twice; matches over
 * a search's cap for the minute are counted but not stored. The cursor moves only while
 * `holder` still holds the lease.
 */
export async function recordListenMatches(
  database: Database,
  input: {
    source: string
    holder: string
    matches: ListenMatch[]
    cursor: number
    /** The newest event's time, microseconds (defaults to `cursor`, which it is for Jetstream). */
    lastEventUs?: number
  },
): Promise<RecordedMatches> {
  const touched: RecordedMatches['touched'] = new Map()
  const groups = new Map<string, ListenMatch[]>()
  for (const match of input.matches) {
    const minute = minuteOf(Math.floor(match.event.timeUs / 1_000))
    const key = `${match.target.id}|${minute.getTime()}`
    const group = groups.get(key)
    if (group) group.push(match)
    else groups.set(key, [match])
    const seen = touched.get(match.target.id)
    if (!seen || seen.minute < minute)
      touched.set(match.target.id, { target: match.target, minute })
  }
  return database.db.transaction(async (tx) => {
    const stored: RecordedMatches['stored'] = []
    const extra = new Map<string, number>()
    if (groups.size > 0) {
      const keys = [...groups.keys()]
      const counted = await tx.execute<{ search_id: string; minute: Date; count: number }>(sql`
        select search_id, minute, count from listen_volume
        where (search_id, minute) in (
          select s, m from unnest(${sql.param(keys.map((k) => k.split('|')[0]))}::uuid[],
            ${sql.param(keys.map((k) => new Date(Number(k.split('|')[1])).toISOString()))}::timestamptz[]) as t(s, m))`)
      const already = new Map(
        counted.rows.map((r) => [`${r.search_id}|${new Date(r.minute).getTime()}`, r.count]),
      )
      const rows: ListenMatch[] = []
      for (const [key, group] of groups) {
        const target = (group[0] as ListenMatch).target
        const cap = target.broad ? STORED_PER_MINUTE.broad : STORED_PER_MINUTE.other
        const room = Math.max(0, cap - (already.get(key) ?? 0))
        rows.push(...group.slice(0, room))
        if (group.length > room) extra.set(key, group.length - room)
      }
      const inserted = rows.length ? await insertMatches(tx, rows) : []
      const byKey = new Map(rows.map((m) => [`${m.target.id}|${m.event.did}|${m.event.rkey}`, m]))
      for (const row of inserted) {
        const match = byKey.get(`${row.search_id}|${row.did}|${row.rkey}`)
        if (match) stored.push({ ...match, id: row.id })
      }
      const counts = new Map(extra)
      for (const { target, event } of stored) {
        const key = `${target.id}|${minuteOf(Math.floor(event.timeUs / 1_000)).getTime()}`
        counts.set(key, (counts.get(key) ?? 0) + 1)
      }
      if (counts.size > 0) {
        const entries = [...counts.entries()]
        await tx.execute(sql`
          insert into listen_volume (search_id, minute, count)
          select * from unnest(${sql.param(entries.map(([k]) => k.split('|')[0]))}::uuid[],
            ${sql.param(entries.map(([k]) => new Date(Number(k.split('|')[1])).toISOString()))}::timestamptz[],
            ${sql.param(entries.map(([, n]) => n))}::int[])
          on conflict (search_id, minute) do update set count = listen_volume.count + excluded.count`)
      }
    }
    const lastEventAt = new Date(
      Math.floor((input.lastEventUs ?? input.cursor) / 1_000),
    ).toISOString()
    await tx.execute(sql`
      update listen_leases set cursor = ${input.cursor}, last_event_at = ${lastEventAt}::timestamptz,
        lag_seconds = greatest(0, extract(epoch from now() - ${lastEventAt}::timestamptz))::int,
        updated_at = now()
      where source = ${input.source} and holder = ${input.holder}`)
    return { touched, stored }
  })
}

async function insertMatches(
  tx: Parameters<Parameters<Database['db']['transaction']>[0]>[0],
  rows: ListenMatch[],
) {
  const column = (pick: (m: ListenMatch) => unknown) => sql.param(rows.map(pick))
  const result = await tx.execute<{ id: string; search_id: string; did: string; rkey: string }>(sql`
    insert into listen_matches
      (id, workspace_id, search_id, did, rkey, uri, network, text, langs, posted_at)
    select i, w, s, d, r, u, n, x, array(select jsonb_array_elements_text(l)), p
    from unnest(${column((m) => timeOrderedId(m.event.timeUs))}::uuid[],
      ${column((m) => m.target.workspaceId)}::uuid[], ${column((m) => m.target.id)}::uuid[],
      ${column((m) => m.event.did)}::text[], ${column((m) => m.event.rkey)}::text[],
      ${column((m) => m.event.uri)}::text[], ${column((m) => eventNetwork(m.event))}::text[],
      ${column((m) => m.event.post.text)}::text[],
      ${sql.param(rows.map((m) => JSON.stringify(m.event.post.lang)))}::jsonb[],
      ${column((m) => postedAt(m.event))}::timestamptz[]) as t(i, w, s, d, r, u, n, x, l, p)
    on conflict (search_id, did, rkey) do nothing
    returning id, search_id, did, rkey`)
  return result.rows
}

/** The record's own time, unless missing or in the future (a clock or a forged record). */
function postedAt(event: ListenEvent): string {
  const seen = Math.floor(event.timeUs / 1_000)
  const at = event.createdAt ? Date.parse(event.createdAt) : Number.NaN
  return new Date(Number.isFinite(at) && at <= seen + 60_000 ? at : seen).toISOString()
}
