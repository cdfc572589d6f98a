import { sql } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import { crisisQueries } from '../core/listen/crisis-lexicon.ts'
import type { Sensitivity } from '../core/listen/detect-spike.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { crisisWatches } from '../store/schema/index.ts'
import { checkSearchQuery } from './save-search-query.ts'

/** Turns a workspace's crisis watch on or off and sets its own terms; an admin's act, audited. */
export async function setCrisisWatch(
  db: Db,
  input: {
    workspaceId: string
    userId: string
    enabled: boolean
    terms: string[]
    sensitivity: Sensitivity
    ip?: string
  },
) {
  const terms = [...new Set(input.terms.map((term) => term.trim()).filter(Boolean))]
  for (const query of crisisQueries(terms)) {
    try {
      checkSearchQuery(query)
    } catch (error) {
      if (error instanceof InvalidInputError) {
        throw new InvalidInputError(`A crisis term cannot be matched: ${error.message}`, {
          terms: error.message,
        })
      }
      throw error
    }
  }
  return db.transaction(async (tx) => {
    const now = new Date()
    const [watch] = await tx
      .insert(crisisWatches)
      .values({
        workspaceId: input.workspaceId,
        enabled: input.enabled,
        terms,
        sensitivity: input.sensitivity,
        enabledAt: input.enabled ? now : null,
        updatedBy: input.userId,
        updatedAt: now,
      })
      .onConflictDoUpdate({
        target: crisisWatches.workspaceId,
        set: {
          terms,
          sensitivity: input.sensitivity,
          updatedBy: input.userId,
          updatedAt: now,
          // Turning it on starts a fresh baseline; staying on keeps the one it has.
          enabledAt: input.enabled
            ? sql`case when ${crisisWatches.enabled} then ${crisisWatches.enabledAt} else ${now.toISOString()}::timestamptz end`
            : null,
          enabled: input.enabled,
        },
      })
      .returning()
    if (!watch) throw new Error('upsert returned no row')
    await recordAudit(tx, {
      action: input.enabled ? 'crisis_watch.enabled' : 'crisis_watch.disabled',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'crisis_watch',
      targetId: watch.id,
      data: { terms, sensitivity: input.sensitivity },
      ip: input.ip,
    })
    return watch
  })
}
