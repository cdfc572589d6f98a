import { z } from 'zod'
import { PEOPLE_LISTS } from '../../store/schema/index.ts'
import type { JobSpec } from '../define-job.ts'
import { BACKGROUND_READS } from './background-limit.ts'

/**
 * One step of one pass of syncing an account's followers or follows. Steps are numbered in
 * the sync's row; a step that finds the row already past it ends without doing anything, so
 * a duplicate or a stale job is harmless.
 */
export const syncPeopleSpec = {
  id: 'sync-people',
  version: 1,
  payloadSchema: z.object({
    accountId: z.uuid(),
    list: z.enum(PEOPLE_LISTS),
    pass: z.number().int().min(1),
    step: z.number().int().min(0),
  }),
  retry: { maxAttempts: 8, baseDelayMs: 5_000 },
  limit: BACKGROUND_READS,
} satisfies JobSpec

/** Deterministic per step: racing enqueues of the same step collide. */
export function syncPeopleKey(p: { accountId: string; list: string; pass: number; step: number }) {
  return `sync-people:${p.accountId}:${p.list}:${p.pass}:${p.step}`
}
