import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { SpikeSettings } from '../core/listen/detect-spike.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { savedSearches } from '../store/schema/index.ts'
import { checkSearchQuery } from './save-search-query.ts'

/** Renames a saved search, changes its query or its alert; the listener picks it up within seconds. */
export async function changeSavedSearch(
  db: Db,
  input: {
    workspaceId: string
    searchId: string
    userId: string
    name?: string
    query?: string
    alert?: SpikeSettings | null
    inbox?: boolean
    feeds?: boolean
    ip?: string
  },
) {
  const checked = input.query === undefined ? undefined : checkSearchQuery(input.query)
  return db.transaction(async (tx) => {
    const where = and(
      eq(savedSearches.id, input.searchId),
      eq(savedSearches.workspaceId, input.workspaceId),
    )
    const [current] = await tx.select().from(savedSearches).where(where).for('update')
    if (!current) throw new NotFoundError('That saved search')
    const broad = checked?.broad ?? current.broad
    const [search] = await tx
      .update(savedSearches)
      .set({
        name: input.name ?? current.name,
        query: input.query ?? current.query,
        broad,
        alert: input.alert === undefined ? current.alert : input.alert,
        inbox: (input.inbox ?? current.inbox) && !broad,
        feeds: input.feeds ?? current.feeds,
        updatedAt: new Date(),
      })
      .where(where)
      .returning()
    if (!search) throw new NotFoundError('That saved search')
    await recordAudit(tx, {
      action: 'search.changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'saved_search',
      targetId: search.id,
      data: {
        before: { name: current.name, query: current.query, alert: current.alert },
        after: { name: search.name, query: search.query, alert: search.alert },
      },
      ip: input.ip,
    })
    return { search, warning: checked?.warning ?? null }
  })
}
