import { sql } from 'drizzle-orm'
import { INBOX_STATUSES } from '../../core/inbox/inbox-statuses.ts'
import type { Executor } from '../executor.ts'

export type InboxFilters = {
  status?: string
  assigneeId?: string | null
  accountId?: string
  kind?: string
}

/** Where a page ends: the list runs high priority first, then newest first. */
export type InboxCursor = { priority: number; createdAt: string; id: string }

/**
 * The ids of one page of a workspace's inbox (the first step of the read path; hydration
 * follows). Each filter has an index (…, status, priority, created_at, id), so a page is one
 * backward index range scan however large the inbox. Without a status, one such scan per
 * status, each at most a page, merged: a plain ORDER BY over every status sorted the whole
 * workspace instead (a sequential scan; 1M items, bench/inbox.ts).
 */
export async function inboxPageIds(
  executor: Executor,
  workspaceId: string,
  filters: InboxFilters,
  before: InboxCursor | null,
  limit: number,
): Promise<string[]> {
  const conditions = [sql`workspace_id = ${workspaceId}::uuid`]
  if (filters.assigneeId === null) conditions.push(sql`assignee_id is null`)
  else if (filters.assigneeId) conditions.push(sql`assignee_id = ${filters.assigneeId}::uuid`)
  if (filters.accountId) conditions.push(sql`account_id = ${filters.accountId}::uuid`)
  if (filters.kind) conditions.push(sql`kind = ${filters.kind}`)
  if (before)
    conditions.push(
      sql`(priority, created_at, id) < (${before.priority}::smallint, ${before.createdAt}::timestamptz, ${before.id}::uuid)`,
    )
  // `assignee_id is null` is no equality, so the planner does not see that the assignee index
  // already runs in page order; naming the (constant) column first lets it read that index
  // backwards instead of filtering another (1M items on PostgreSQL: p50 48 ms before; bench/inbox.ts).
  const lead = filters.assigneeId === null ? sql`assignee_id desc, ` : sql``
  const page = (status: string) => sql`(
    select id, priority, created_at from inbox_items
    where ${sql.join([...conditions, sql`status = ${status}`], sql` and `)}
    order by ${lead}priority desc, created_at desc, id desc limit ${limit})`
  const statuses = filters.status ? [filters.status] : INBOX_STATUSES
  const result = await executor.execute<{ id: string }>(sql`
    select id from (${sql.join(statuses.map(page), sql` union all `)}) as page
    order by priority desc, created_at desc, id desc
    limit ${limit}`)
  return result.rows.map((r) => r.id)
}
