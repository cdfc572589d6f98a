import { sql } from 'drizzle-orm'
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
 * follows). Each filter has an index ending in (priority, created_at, id), so a page is one
 * backward index range scan however large the inbox (bench/inbox.ts).
 */
export async function inboxPageIds(
  executor: Executor,
  workspaceId: string,
  filters: InboxFilters,
  before: InboxCursor | null,
  limit: number,
): Promise<string[]> {
  const conditions = [sql`workspace_id = ${workspaceId}::uuid`]
  if (filters.status) conditions.push(sql`status = ${filters.status}`)
  if (filters.assigneeId === null) conditions.push(sql`assignee_id is null`)
  else if (filters.assigneeId) conditions.push(sql`assignee_id = ${filters.assigneeId}::uuid`)
  if (filters.accountId) conditions.push(sql`account_id = ${filters.accountId}::uuid`)
  if (filters.kind) conditions.push(sql`kind = ${filters.kind}`)
  if (before)
    conditions.push(
      sql`(priority, created_at, id) < (${before.priority}::smallint, ${before.createdAt}::timestamptz, ${before.id}::uuid)`,
    )
  const result = await executor.execute<{ id: string }>(sql`
    select id from inbox_items where ${sql.join(conditions, sql` and `)}
    order by priority desc, created_at desc, id desc
    limit ${limit}`)
  return result.rows.map((r) => r.id)
}
