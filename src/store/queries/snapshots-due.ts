import { sql } from 'drizzle-orm'
import { LAST_MARK_MS, MARK_OFFSETS, type SnapshotMark } from '../../core/measure/snapshot-marks.ts'
import type { Db } from '../connect.ts'

export type SnapshotCandidate = {
  deliveryId: string
  accountId: string
  publishedAt: Date
  marks: SnapshotMark[]
}

/**
 * Published deliveries young enough to have a mark still to take (published between +1 h and
 * +7 d and a margin ago), not seen deleted, on connected accounts, with the marks they have.
 */
export async function snapshotCandidates(db: Db, now: Date): Promise<SnapshotCandidate[]> {
  const newest = new Date(now.getTime() - MARK_OFFSETS['1h'])
  const oldest = new Date(now.getTime() - LAST_MARK_MS - 24 * 3_600_000)
  const result = await db.execute<{
    delivery_id: string
    account_id: string
    published_at: string | Date
    marks: SnapshotMark[]
  }>(sql`
    select d.id as delivery_id, d.account_id, d.published_at,
      coalesce(array_agg(s.mark) filter (where s.mark is not null), '{}') as marks
    from deliveries d
    join accounts a on a.id = d.account_id and a.disconnected_at is null
    left join engagement_snapshots s on s.delivery_id = d.id
    where d.state = 'published' and d.uri is not null
      and d.published_at > ${oldest.toISOString()} and d.published_at <= ${newest.toISOString()}
    group by d.id
    having not coalesce(bool_or(s.deleted), false)`)
  return result.rows.map((r) => ({
    deliveryId: r.delivery_id,
    accountId: r.account_id,
    publishedAt: new Date(r.published_at),
    marks: r.marks,
  }))
}
