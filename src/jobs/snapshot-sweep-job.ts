import { z } from 'zod'
import { dueMark } from '../core/measure/snapshot-marks.ts'
import { defineJob } from '../queue/define-job.ts'
import { enqueueMany } from '../queue/enqueue.ts'
import { takeSnapshotsSpec } from '../queue/specs/take-snapshots-spec.ts'
import { snapshotCandidates } from '../store/queries/snapshots-due.ts'

export const SNAPSHOT_SWEEP_EVERY_MS = 5 * 60_000
/** Deliveries per job: Bluesky reads them 25 a call, Mastodon 4 at a time. */
const PER_JOB = 100

/**
 * Every few minutes: one snapshot job per account for the deliveries whose +1 h, +24 h or
 * +7 d mark has come (so a mark is taken up to this period late, never early).
 */
export const snapshotSweepJob = defineJob({
  id: 'snapshot-sweep',
  version: 1,
  payloadSchema: z.object({}),
  retry: { maxAttempts: 3 },
  async handler(_payload, ctx) {
    const now = new Date()
    const due = (await snapshotCandidates(ctx.database.db, now)).filter(
      (c) => dueMark(c.publishedAt, now, new Set(c.marks)) !== null,
    )
    const byAccount = new Map<string, string[]>()
    for (const c of due)
      byAccount.set(c.accountId, [...(byAccount.get(c.accountId) ?? []), c.deliveryId])
    const period = Math.floor(now.getTime() / SNAPSHOT_SWEEP_EVERY_MS)
    const items = [...byAccount].flatMap(([accountId, ids]) =>
      Array.from({ length: Math.ceil(ids.length / PER_JOB) }, (_, i) => ({
        payload: { deliveryIds: ids.slice(i * PER_JOB, (i + 1) * PER_JOB) },
        uniqueKey: `take-snapshots:${accountId}:${period}:${i}`,
      })),
    )
    await enqueueMany(ctx.database, takeSnapshotsSpec, items)
  },
})
