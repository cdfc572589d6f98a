// A baseline of bench/measure.ts: the report's rows read as before delivery_engagement (the other
// baseline, before measure_units, is test/joined-measure-units.ts).
import { type SQL, sql } from 'drizzle-orm'

/** Before delivery_engagement (up to 0013): each delivery's newest snapshot, ranked. */
export function rankedSnapshots(workspaceId: string, period: { from: Date; to: Date }): SQL {
  return sql`
    select d.post_id, d.account_id, a.network, s.replies, s.reposts, s.quotes, s.likes, s.people,
      s.conversations, pl.topics, pl.approach, pl.campaign_id
    from deliveries d
    join accounts a on a.id = d.account_id and a.workspace_id = ${workspaceId}
    join lateral (select * from engagement_snapshots s where s.delivery_id = d.id
      order by s.taken_at desc, s.id desc limit 1) s on true
    left join post_labels pl on pl.post_id = d.post_id
    where d.state = 'published' and d.published_at >= ${period.from.toISOString()}
      and d.published_at < ${period.to.toISOString()}`
}
