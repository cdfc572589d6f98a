import { count, eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import type { SpikeSettings } from '../core/listen/detect-spike.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { savedSearches } from '../store/schema/index.ts'
import { checkSearchQuery } from './save-search-query.ts'

/** Saved searches per workspace: the instance's matcher compiles 10,000 in well under 5 s (bench/listen.ts). */
export const MAX_SEARCHES_PER_WORKSPACE = 200

export async function createSavedSearch(
  db: Db,
  input: {
    workspaceId: string
    userId: string
    name: string
    query: string
    alert?: SpikeSettings | null
    inbox?: boolean
    feeds?: boolean
    ip?: string
  },
) {
  const { broad, warning } = checkSearchQuery(input.query)
  return db.transaction(async (tx) => {
    const [saved] = await tx
      .select({ n: count() })
      .from(savedSearches)
      .where(eq(savedSearches.workspaceId, input.workspaceId))
    if ((saved?.n ?? 0) >= MAX_SEARCHES_PER_WORKSPACE) {
      throw new InvalidInputError(
        `This workspace has ${MAX_SEARCHES_PER_WORKSPACE} saved searches, the most it may`,
      )
    }
    const [search] = await tx
      .insert(savedSearches)
      .values({
        workspaceId: input.workspaceId,
        name: input.name,
        query: input.query,
        broad,
        alert: input.alert ?? null,
        inbox: (input.inbox ?? true) && !broad,
        feeds: input.feeds ?? false,
        createdBy: input.userId,
      })
      .returning()
    if (!search) throw new Error('insert returned no row')
    await recordAudit(tx, {
      action: 'search.created',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'saved_search',
      targetId: search.id,
      data: { name: search.name, query: search.query, broad },
      ip: input.ip,
    })
    return { search, warning }
  })
}
