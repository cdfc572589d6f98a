import { sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'

export type InboxHistory = {
  /** Messages they sent the workspace (mentions, replies, quotes, DMs), on any network. */
  messages: number
  /** Replies a person of the workspace wrote to those messages. */
  replies: number
  lastAt: Date | null
  /** The networks they wrote from. */
  networks: string[]
}

/**
 * Whether the workspace ever talked with these profiles, from the inbox: every identity the
 * inbox merged into the same person counts, so history on another network shows too. One
 * query for a page of cards.
 */
export async function inboxHistory(
  executor: Executor,
  input: { workspaceId: string; network: string; profileIds: string[] },
): Promise<Map<string, InboxHistory>> {
  if (!input.profileIds.length) return new Map()
  const { rows } = await executor.execute<{
    profile_id: string
    messages: number
    replies: number
    last_at: string | Date | null
    networks: string[] | null
  }>(sql`
    select me.network_id as profile_id, count(distinct item.id)::int as messages,
      count(distinct reply.id)::int as replies,
      greatest(max(item.created_at), max(reply.created_at)) as last_at,
      array_agg(distinct same.network) as networks
    from people me
    join people same on same.workspace_id = me.workspace_id and same.person_id = me.person_id
    join inbox_items item on item.author_id = same.id
    left join inbox_replies reply on reply.item_id = item.id
    where me.workspace_id = ${input.workspaceId} and me.network = ${input.network}
      and me.network_id = any(${sql.param(input.profileIds)}::text[])
    group by me.network_id`)
  return new Map(
    rows.map((r) => [
      r.profile_id,
      {
        messages: r.messages,
        replies: r.replies,
        lastAt: r.last_at ? new Date(r.last_at) : null,
        networks: r.networks ?? [],
      },
    ]),
  )
}
