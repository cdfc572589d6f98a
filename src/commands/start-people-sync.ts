import { sql } from 'drizzle-orm'
import { INCREMENTAL_SYNC_EVERY_MS, nextSyncKind, type SyncKind } from '../core/people/sync-plan.ts'
import { enqueue } from '../queue/enqueue.ts'
import { syncPeopleKey, syncPeopleSpec } from '../queue/specs/sync-people-spec.ts'
import type { Database } from '../store/connect.ts'
import type { peopleSyncs } from '../store/schema/index.ts'

export type PeopleList = (typeof peopleSyncs.$inferSelect)['list']

export type StartedSync = {
  pass: number
  step: number
  kind: SyncKind
  /** `started` a new pass, `resumed` a paused or stalled one, or `running` already. */
  outcome: 'started' | 'resumed' | 'running' | 'not_due'
}

/** A pass whose row has not moved for this long lost its job (e.g. it died): run its step again. */
export const SYNC_STALLED_AFTER_MS = 15 * 60_000

/**
 * Starts a pass over one of an account's lists, or finds the one running (collide, don't
 * duplicate). A paused pass (its account needed attention) or a stalled one resumes where
 * its cursor stands. The step's job commits with the pass. `ifDue`: only when the last
 * pass ended long enough ago (the planner's periodic call).
 */
export async function startPeopleSync(
  database: Database,
  input: { accountId: string; list: PeopleList; kind?: SyncKind; now?: Date; ifDue?: boolean },
): Promise<StartedSync> {
  const now = input.now ?? new Date()
  return database.db.transaction(async (tx) => {
    await tx.execute(sql`
      insert into people_syncs (account_id, list) values (${input.accountId}, ${input.list})
      on conflict do nothing`)
    const { rows } = await tx.execute<{
      state: string
      pass: number
      step: number
      kind: SyncKind
      last_full_at: string | null
      finished_at: string | null
      updated_at: string
      paused_reason: string | null
    }>(sql`
      select state, pass, step, kind, last_full_at, finished_at, updated_at, paused_reason
      from people_syncs
      where account_id = ${input.accountId} and list = ${input.list} for update`)
    const row = rows[0]
    if (!row) throw new Error('people sync row vanished')
    let { pass, step, kind } = row
    const ago = (at: string | null) => (at ? now.getTime() - new Date(at).getTime() : Infinity)
    if (row.state === 'idle' && input.ifDue && ago(row.finished_at) < INCREMENTAL_SYNC_EVERY_MS) {
      return { pass, step, kind, outcome: 'not_due' }
    }
    if (row.state !== 'idle' && !row.paused_reason && ago(row.updated_at) < SYNC_STALLED_AFTER_MS) {
      return { pass, step, kind, outcome: 'running' }
    }
    let started = false
    if (row.state === 'idle') {
      kind =
        input.kind ??
        nextSyncKind({ lastFullAt: row.last_full_at ? new Date(row.last_full_at) : null, now })
      pass += 1
      step = 0
      started = true
      await tx.execute(sql`
        update people_syncs set state = 'listing', kind = ${kind}, pass = ${pass}, step = 0,
          cursor = null, listed = 0, added = 0, removed = 0, expected = null, requests = 0,
          started_at = ${now.toISOString()}::timestamptz, finished_at = null,
          baseline_at = coalesce(baseline_at, ${now.toISOString()}::timestamptz),
          paused_reason = null, last_error = null, updated_at = now()
        where account_id = ${input.accountId} and list = ${input.list}`)
    } else if (row.paused_reason) {
      await tx.execute(sql`
        update people_syncs set paused_reason = null, updated_at = now()
        where account_id = ${input.accountId} and list = ${input.list}`)
    }
    const payload = { accountId: input.accountId, list: input.list, pass, step }
    // A paused or stalled pass gets its current step again, at most once a minute; a step
    // already done ends at once.
    const again = started ? '' : `:again@${Math.floor(now.getTime() / 60_000)}`
    await enqueue(database, syncPeopleSpec, payload, {
      uniqueKey: `${syncPeopleKey(payload)}${again}`,
      executor: tx,
    })
    return { pass, step, kind, outcome: started ? 'started' : 'resumed' }
  })
}
