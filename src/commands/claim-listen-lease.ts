import { sql } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'

/**
 * Takes or renews the lease on a listening source: exactly one process of the instance
 * consumes it. The row is taken only when free or lapsed (fails closed: a holder that stops
 * renewing loses it after `ttlMs`, and until then nobody else consumes). Answers the stored
 * cursor when held.
 */
export async function claimListenLease(
  db: Db,
  input: { source: string; holder: string; ttlMs: number },
): Promise<{ held: boolean; cursor: number | null }> {
  const result = await db.execute<{ holder: string; cursor: string | null }>(sql`
    insert into listen_leases (source, holder, expires_at, updated_at)
    values (${input.source}, ${input.holder}, now() + ${input.ttlMs} * interval '1 millisecond', now())
    on conflict (source) do update set
      holder = excluded.holder, expires_at = excluded.expires_at, updated_at = now()
    where listen_leases.holder = excluded.holder or listen_leases.holder is null
      or listen_leases.expires_at is null or listen_leases.expires_at < now()
    returning holder, cursor`)
  const [row] = result.rows
  return { held: row?.holder === input.holder, cursor: row?.cursor ? Number(row.cursor) : null }
}

/** Gives the lease up at once (a clean stop), so another worker need not wait for it to lapse. */
export async function releaseListenLease(
  db: Db,
  input: { source: string; holder: string; state: string },
): Promise<void> {
  await db.execute(sql`
    update listen_leases set holder = null, expires_at = null, state = ${input.state},
      updated_at = now()
    where source = ${input.source} and holder = ${input.holder}`)
}
