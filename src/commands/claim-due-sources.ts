import { sql } from 'drizzle-orm'
import { enqueueMany } from '../queue/enqueue.ts'
import { pollHostSpec } from '../queue/specs/poll-host-spec.ts'
import type { Database } from '../store/connect.ts'

/** Sources one job polls, one after another; the rest of a busy host waits for the next round. */
export const MAX_SOURCES_PER_HOST_JOB = 200
/** Per source in a lease: a worker that died frees its sources after this (plus a minute). */
const LEASE_PER_SOURCE_MS = 12_000

/**
 * Hands the sources that are due to the workers, one job per host: a job polls its host's
 * sources one at a time, and no host with a poll in flight is handed out again, so no host
 * gets two requests from Sous at once. Each source is leased (`polling_until`) in the same
 * transaction that enqueues its job; a lease outlives a crashed worker by a minute at most.
 */
export async function claimDueSources(
  database: Database,
  input: { now: Date; limit?: number },
): Promise<{ sources: number; hosts: number }> {
  const limit = input.limit ?? 20_000
  return database.db.transaction(async (tx) => {
    const due = await tx.execute<{ id: string; host: string }>(sql`
      with busy as (
        select distinct host from feed_sources
        where polling_until is not null and polling_until > ${input.now.toISOString()}::timestamptz
      )
      select id, host from feed_sources
      where next_poll_at <= ${input.now.toISOString()}::timestamptz
        and (polling_until is null or polling_until <= ${input.now.toISOString()}::timestamptz)
        and host not in (select host from busy)
      order by next_poll_at
      limit ${limit}
      for update skip locked`)
    const byHost = new Map<string, string[]>()
    for (const { id, host } of due.rows) {
      const batch = byHost.get(host) ?? []
      if (batch.length < MAX_SOURCES_PER_HOST_JOB) batch.push(id)
      byHost.set(host, batch)
    }
    const jobs = [...byHost.values()]
    if (jobs.length === 0) return { sources: 0, hosts: 0 }
    const leaseUntil = jobs.map(
      (ids) => new Date(input.now.getTime() + 60_000 + ids.length * LEASE_PER_SOURCE_MS),
    )
    await tx.execute(sql`
      update feed_sources s set polling_until = t.until
      from unnest(${sql.param(jobs.map((ids) => JSON.stringify(ids)))}::jsonb[],
                  ${sql.param(leaseUntil.map((d) => d.toISOString()))}::timestamptz[]) as j(ids, until),
           lateral (select jsonb_array_elements_text(j.ids)::uuid as id, j.until) as t
      where s.id = t.id`)
    await enqueueMany(
      database,
      pollHostSpec,
      jobs.map((sourceIds) => ({ payload: { sourceIds } })),
      { executor: tx },
    )
    return { sources: jobs.reduce((n, ids) => n + ids.length, 0), hosts: jobs.length }
  })
}
