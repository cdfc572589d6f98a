import { eq, inArray } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { accounts, inboxItems, people } from '../schema/index.ts'

export type HydratedItem = {
  item: typeof inboxItems.$inferSelect
  author: typeof people.$inferSelect | null
  account: { id: string; handle: string; network: string } | null
}

/** Items by id with their author and account, in the order asked for (one query). */
export async function hydrateInboxItems(
  executor: Executor,
  ids: string[],
): Promise<HydratedItem[]> {
  if (ids.length === 0) return []
  const rows = await executor
    .select({
      item: inboxItems,
      author: people,
      account: { id: accounts.id, handle: accounts.handle, network: accounts.network },
    })
    .from(inboxItems)
    .leftJoin(people, eq(people.id, inboxItems.authorId))
    .leftJoin(accounts, eq(accounts.id, inboxItems.accountId))
    .where(inArray(inboxItems.id, ids))
  const byId = new Map(rows.map((r) => [r.item.id, r]))
  return ids.flatMap((id) => {
    const row = byId.get(id)
    return row ? [row] : []
  })
}
