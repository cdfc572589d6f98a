import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { feedSources } from '../store/schema/index.ts'

/**
 * Changes how a source counts (its weight multiplies its suggestions' scores) or the folder
 * it is filed under. Its address, items and polling state stay as they are.
 */
export async function changeSource(
  db: Db,
  input: {
    workspaceId: string
    sourceId: string
    userId: string
    weight?: number
    category?: string | null
    ip?: string
  },
): Promise<void> {
  await db.transaction(async (tx) => {
    const [before] = await tx
      .select({ weight: feedSources.weight, category: feedSources.category })
      .from(feedSources)
      .where(
        and(eq(feedSources.id, input.sourceId), eq(feedSources.workspaceId, input.workspaceId)),
      )
      .for('update')
    if (!before) throw new NotFoundError('That source')
    // Two decimals: a person sets "1.5", and a float like 1e-7 would not fit a real column.
    const weight = input.weight === undefined ? before.weight : Math.round(input.weight * 100) / 100
    const category = input.category === undefined ? before.category : input.category || null
    await tx.update(feedSources).set({ weight, category }).where(eq(feedSources.id, input.sourceId))
    await recordAudit(tx, {
      action: 'source.changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'feed_source',
      targetId: input.sourceId,
      data: { weight: [before.weight, weight], category: [before.category, category] },
      ip: input.ip,
    })
  })
}
