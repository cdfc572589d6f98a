// The data of bench/measure.ts, written with set-based SQL (a row at a time would take longer
// than the bench): accounts, campaigns, posts published over `days`, one variant and one
// published delivery each, `snapshots` snapshots per delivery (+1 h, +24 h, +7 d, then `now`s),
// the latest copied to delivery_engagement as take-snapshots does, labels, short links with
// clicks and visitors, inbox replies to a third of the posts (half of them answered), and the
// measure_units rows the writers keep from all of it.
import { sql } from 'drizzle-orm'
import { APPROACHES } from '../src/core/measure/labels.ts'
import type { Db } from '../src/store/connect.ts'
import { rewriteStatement } from '../src/store/refresh-measure-units.ts'

export type SeedSettings = {
  workspaceId: string
  posts: number
  snapshots: number
  accounts: number
  campaigns: number
  days: number
}

const TOPICS = ['coffee', 'baking', 'events', 'jobs', 'recipes', 'team', 'sustainability', 'news']

/** Seeds the workspace; answers with the short-link codes and a campaign id. */
export async function seedMeasure(db: Db, s: SeedSettings) {
  const now = new Date()
  const span = `${s.days} days`
  await db.execute(sql`
    insert into accounts (id, workspace_id, network, network_account_id, handle, url, service, credentials)
    select gen_random_uuid(), ${s.workspaceId}, case when i % 2 = 0 then 'bluesky' else 'mastodon' end,
      'bench-' || i, 'account' || i || '.bench.invalid', 'https://bench.invalid/' || i,
      'https://bench.invalid', 'not-a-credential'
    from generate_series(1, ${s.accounts}) i`)
  await db.execute(sql`
    insert into campaigns (workspace_id, name, goal, starts_at, ends_at, utm_campaign, colour)
    select ${s.workspaceId}, 'Campaign ' || i, 'Bench goal ' || i,
      ${now.toISOString()}::timestamptz - (${span})::interval + (i - 1) * (${span})::interval / ${s.campaigns},
      ${now.toISOString()}::timestamptz - (${span})::interval + i * (${span})::interval / ${s.campaigns},
      'bench-' || i, '#c46210'
    from generate_series(1, ${s.campaigns}) i`)
  // Every post's numbers in one temporary table, so each insert below is one statement.
  await db.execute(sql`
    create temporary table bench_posts as
    select i, gen_random_uuid() as post_id, gen_random_uuid() as variant_id,
      gen_random_uuid() as delivery_id,
      (select id from accounts where workspace_id = ${s.workspaceId}
        order by network_account_id offset (i % ${s.accounts}) limit 1) as account_id,
      ${now.toISOString()}::timestamptz - (${span})::interval * (i::float8 / ${s.posts}) as published_at
    from generate_series(1, ${s.posts}) i`)
  await db.execute(sql`
    insert into posts (id, workspace_id, provenance, approval, text, created_at)
    select post_id, ${s.workspaceId}, 'scheduled', 'not_needed', 'Bench post ' || i, published_at
    from bench_posts`)
  await db.execute(sql`
    insert into variants (id, post_id, account_id, network, segments)
    select b.variant_id, b.post_id, b.account_id, a.network,
      jsonb_build_array(jsonb_build_object('text', 'Bench post ' || b.i, 'mediaIds', '[]'::jsonb))
    from bench_posts b join accounts a on a.id = b.account_id`)
  await db.execute(sql`
    insert into deliveries (id, post_id, variant_id, account_id, segment, state, due_at, run_at,
      publish_key, uri, url, published_at)
    select delivery_id, post_id, variant_id, account_id, 0, 'published', published_at, published_at,
      'bench-' || i, 'at://bench/post/' || i, 'https://bench.invalid/post/' || i, published_at
    from bench_posts`)
  await db.execute(sql`
    insert into engagement_snapshots (delivery_id, mark, taken_at, replies, reposts, quotes,
      likes, people, conversations)
    select b.delivery_id,
      case n when 1 then '1h' when 2 then '24h' when 3 then '7d' else 'now' end,
      b.published_at + case n when 1 then interval '1 hour' when 2 then interval '1 day'
        else interval '7 days' + (n - 3) * interval '1 day' end,
      (b.i % 7) * n / ${s.snapshots}, (b.i % 5) * n / ${s.snapshots}, (b.i % 3) * n / ${s.snapshots},
      (b.i % 31) * n / ${s.snapshots}, (b.i % 11) * n / ${s.snapshots}, (b.i % 4) * n / ${s.snapshots}
    from bench_posts b, generate_series(1, ${s.snapshots}) n`)
  await db.execute(sql`
    insert into delivery_engagement (delivery_id, workspace_id, post_id, account_id, network,
      published_at, taken_at, replies, reposts, quotes, likes, people, conversations)
    select b.delivery_id, ${s.workspaceId}, b.post_id, b.account_id, a.network, b.published_at,
      b.published_at + interval '7 days', b.i % 7, b.i % 5, b.i % 3, b.i % 31, b.i % 11, b.i % 4
    from bench_posts b join accounts a on a.id = b.account_id`)
  await db.execute(sql`
    insert into post_labels (post_id, workspace_id, campaign_id, topics, approach, click_tracking)
    select b.post_id, ${s.workspaceId},
      case when b.i % 3 = 0 then (select c.id from campaigns c where c.workspace_id = ${s.workspaceId}
        and c.starts_at <= b.published_at and c.ends_at > b.published_at limit 1) end,
      case when b.i % 4 = 0 then '{}'::text[]
        else array[(${sql.param(TOPICS)}::text[])[1 + b.i % ${TOPICS.length}],
          (${sql.param(TOPICS)}::text[])[1 + (b.i / 7) % ${TOPICS.length}]] end,
      (${sql.param([...APPROACHES])}::text[])[1 + b.i % ${APPROACHES.length}],
      b.i % 5 = 0
    from bench_posts b`)
  await db.execute(sql`
    insert into short_links (code, workspace_id, post_id, network, url, target, short_url)
    select 'b' || b.i, ${s.workspaceId}, b.post_id, a.network, 'https://example.com/' || b.i,
      'https://example.com/' || b.i || '?utm_source=' || a.network || '&utm_medium=social&utm_campaign=sous',
      'http://127.0.0.1/l/b' || b.i
    from bench_posts b join accounts a on a.id = b.account_id where b.i % 5 = 0`)
  await db.execute(sql`
    insert into link_clicks (link_id, day, clicks, bots)
    select l.id, (l.created_at - d * interval '1 day')::date, 3, 1
    from short_links l, generate_series(0, 2) d where l.workspace_id = ${s.workspaceId}`)
  await db.execute(sql`
    insert into link_visitors (link_id, day, visitor, clicks)
    select l.id, (l.created_at - d * interval '1 day')::date, sha256(convert_to(l.id::text || v, 'UTF8')), 1
    from short_links l, generate_series(0, 2) d, generate_series(1, 3) v
    where l.workspace_id = ${s.workspaceId}`)
  await db.execute(sql`
    insert into inbox_items (id, workspace_id, account_id, source, dedupe_key, network, event_kind,
      uri, text, subject_uri, conversation_key, created_at, kind, sentiment, reasons, first_response_at)
    select gen_random_uuid(), ${s.workspaceId}, b.account_id, 'network', 'bench-' || b.i || '-' || r,
      'bluesky', 'reply', 'at://bench/reply/' || b.i || '/' || r, 'A reply',
      'at://bench/post/' || b.i, 'at://bench/post/' || b.i,
      b.published_at + r * interval '10 minutes', 'question', 'neutral', '[]'::jsonb,
      case when r % 2 = 1 then b.published_at + r * interval '10 minutes' + interval '25 minutes' end
    from bench_posts b, generate_series(1, 1 + b.i % 3) r where b.i % 3 = 1`)
  await db.execute(sql`drop table bench_posts`)
  // The Measure rows, as the writers keep them: one rewrite over every post (planned on
  // the tables' statistics: without them it joins row by row).
  await db.execute(sql`analyze`)
  await db.execute(rewriteStatement(() => sql`true`))
  // A database in service has long been vacuumed: the bench times it so, not while
  // autovacuum works through the million rows just written.
  await db.execute(sql`vacuum (analyze)`)
  const codes = await db.execute<{ code: string }>(
    sql`select code from short_links where workspace_id = ${s.workspaceId} order by code limit 1000`,
  )
  const campaign = await db.execute<{ id: string }>(
    sql`select id from campaigns where workspace_id = ${s.workspaceId} order by ends_at desc limit 1`,
  )
  return { codes: codes.rows.map((r) => r.code), campaignId: campaign.rows[0]?.id as string }
}
