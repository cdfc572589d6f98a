import { sql } from 'drizzle-orm'
import type { Tx } from './executor.ts'
import { lockMeasuredPosts } from './refresh-measure-units.ts'

export type LinkDayClicks = { linkId: string; day: string; clicks: number; bots: number }
export type VisitorClicks = { linkId: string; day: string; visitor: string; clicks: number }

/**
 * Adds a batch of clicks to the links' daily counts and visitors, and the change they make
 * to the Measure rows of the links' posts, in the caller's transaction. Each row is added to,
 * not rewritten from its sources as refreshMeasureUnits does: the short-link redirect's
 * writer runs every few seconds over every clicked post, and the rewrite of a thousand posts took
 * the CPU the redirects needed (bench/measure.ts). The change is the rewrite's own rule: a
 * visitor's clicks count up to 3 a day, a visitor once. `visitors` has one row per
 * link, day and visitor.
 */
export async function writeClicks(
  tx: Tx,
  counts: readonly LinkDayClicks[],
  visitors: readonly VisitorClicks[],
): Promise<void> {
  const linkIds = [...new Set(counts.map((c) => c.linkId))]
  // The lock first: a rewrite then either read these clicks or comes after what they add.
  await lockMeasuredPosts(
    tx,
    sql`select post_id from short_links where id = any(${sql.param(linkIds)}::uuid[])`,
  )
  await tx.execute(sql`
    with added (link_id, day, clicks, bots) as (
      select * from unnest(${sql.param(counts.map((r) => r.linkId))}::uuid[],
        ${sql.param(counts.map((r) => r.day))}::date[],
        ${sql.param(counts.map((r) => r.clicks))}::int[],
        ${sql.param(counts.map((r) => r.bots))}::int[]) as u(link_id)
      -- A link deleted with its post since its clicks (the redirect remembers a link a
      -- minute) is left out, so the batch's other links are still written.
      where exists (select from short_links l where l.id = u.link_id)
    ),
    counted as (
      insert into link_clicks (link_id, day, clicks, bots) select * from added
      on conflict (link_id, day) do update set clicks = link_clicks.clicks + excluded.clicks,
        bots = link_clicks.bots + excluded.bots
    ),
    seen (link_id, day, visitor, clicks) as (
      select l, d, decode(v, 'hex'), c
      from unnest(${sql.param(visitors.map((r) => r.linkId))}::uuid[],
        ${sql.param(visitors.map((r) => r.day))}::date[],
        ${sql.param(visitors.map((r) => r.visitor))}::text[],
        ${sql.param(visitors.map((r) => r.clicks))}::int[]) as t(l, d, v, c)
      where t.l in (select link_id from added)
    ),
    visited as (
      insert into link_visitors (link_id, day, visitor, clicks) select * from seen
      on conflict (link_id, day, visitor) do update set clicks = link_visitors.clicks + excluded.clicks
      returning link_id, day, visitor, clicks
    ),
    -- What each row adds: its clicks before were its clicks now less the batch's.
    change as (
      select l.post_id, l.network, sum(x.clicks)::int as clicks, sum(x.visitors)::int as visitors,
        sum(x.bots)::int as bots
      from (
        select v.link_id, least(v.clicks, 3) - least(v.clicks - s.clicks, 3) as clicks,
          (v.clicks = s.clicks)::int as visitors, 0 as bots
        from visited v join seen s using (link_id, day, visitor)
        union all select link_id, 0, 0, bots from added where bots > 0
      ) x
      join short_links l on l.id = x.link_id
      group by l.post_id, l.network
      -- A visitor's reloads past 3 change nothing: a flood of them writes no Measure row.
      having sum(x.clicks) <> 0 or sum(x.visitors) <> 0 or sum(x.bots) <> 0
    ),
    units as (
      update measure_units m set clicks = m.clicks + c.clicks, visitors = m.visitors + c.visitors,
        bot_clicks = m.bot_clicks + c.bots
      from change c where m.post_id = c.post_id and m.network = c.network
    )
    -- A post counts each of its links once, however many of its variants share a network.
    update measure_posts m set clicks = m.clicks + c.clicks, visitors = m.visitors + c.visitors,
      bot_clicks = m.bot_clicks + c.bots
    from (select post_id, sum(clicks) as clicks, sum(visitors) as visitors, sum(bots) as bots
      from change group by post_id) c
    where m.post_id = c.post_id`)
}
