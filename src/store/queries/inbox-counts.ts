import { sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'

/** The numbers the navigation shows: open, waiting, snoozed, open and mine, open and nobody's. */
export async function inboxCounts(executor: Executor, workspaceId: string, userId: string) {
  const result = await executor.execute<{
    open: number
    waiting: number
    snoozed: number
    mine: number
    unassigned: number
  }>(sql`
    select count(*) filter (where status = 'open')::int as open,
      count(*) filter (where status = 'waiting')::int as waiting,
      count(*) filter (where status = 'snoozed')::int as snoozed,
      count(*) filter (where status = 'open' and assignee_id = ${userId}::uuid)::int as mine,
      count(*) filter (where status = 'open' and assignee_id is null)::int as unassigned
    from inbox_items where workspace_id = ${workspaceId}::uuid and status <> 'done'`)
  return result.rows[0] ?? { open: 0, waiting: 0, snoozed: 0, mine: 0, unassigned: 0 }
}

export type AnsweredItem = {
  accountId: string | null
  responderId: string | null
  createdAt: Date
  firstResponseAt: Date
}

// Enough for a team's quarter; beyond it the stats would need to be kept as they happen.
const MAX_ANSWERED = 50_000

/** Items first answered whose message arrived in [from, to). */
export async function answeredItems(
  executor: Executor,
  workspaceId: string,
  from: Date,
  to: Date,
): Promise<AnsweredItem[]> {
  const result = await executor.execute<{
    account_id: string | null
    first_responder_id: string | null
    created_at: string
    first_response_at: string
  }>(sql`
    select account_id, first_responder_id, created_at, first_response_at from inbox_items
    where workspace_id = ${workspaceId}::uuid and first_response_at is not null
      and created_at >= ${from.toISOString()}::timestamptz and created_at < ${to.toISOString()}::timestamptz
    limit ${MAX_ANSWERED}`)
  return result.rows.map((r) => ({
    accountId: r.account_id,
    responderId: r.first_responder_id,
    createdAt: new Date(r.created_at),
    firstResponseAt: new Date(r.first_response_at),
  }))
}
