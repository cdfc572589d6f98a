import { sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'

/** The lease a worker holds while it streams an account's notifications (one per account). */
export const inboxStreamSource = (account: { id: string; network: string }) =>
  `${account.network}-stream:${account.id}`

// A delivery held longer than this before going out is not looked for: its account then
// just keeps its quiet pace until someone answers.
const PUBLISHED_WITHIN_DUE_DAYS = 7

/**
 * What sets an account's polling pace besides its own reads: whether its stream is connected
 * now (a lease held and not lapsed, so a crashed streamer counts as gone within its TTL) and
 * when we last published on it (a post or a reply: answers come soon after).
 */
export async function inboxPaceFacts(
  executor: Executor,
  account: { id: string; network: string },
): Promise<{ streaming: boolean; lastPublishedAt: Date | null }> {
  const result = await executor.execute<{ streaming: boolean; last_published_at: string | null }>(
    sql`
    select
      exists (select 1 from listen_leases where source = ${inboxStreamSource(account)}
        and holder is not null and expires_at > now() and state = 'connected') as streaming,
      (select max(published_at) from deliveries where account_id = ${account.id}::uuid
        and state = 'published'
        and due_at > now() - ${PUBLISHED_WITHIN_DUE_DAYS} * interval '1 day') as last_published_at`,
  )
  const row = result.rows[0]
  return {
    streaming: row?.streaming === true,
    lastPublishedAt: row?.last_published_at ? new Date(row.last_published_at) : null,
  }
}
