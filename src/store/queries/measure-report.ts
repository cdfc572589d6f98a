import { type SQL, sql } from 'drizzle-orm'
import { NORMAL_FROM } from '../../core/measure/compare.ts'
import type { Counts, GroupSums, MeasureBy, Metric } from '../../core/measure/group-results.ts'
import type { Db } from '../connect.ts'

export type MeasurePeriod = { from: Date; to: Date; campaignId?: string }

export type MeasureDayRow = Counts & { date: string; posts: number }

export type MeasureTopRow = Counts & {
  postId: string
  accountId: string
  handle: string
  network: string
  publishedAt: string
  text: string
  deleted: boolean
}

export type MeasureRows = {
  posts: number
  /** Every unit of the period: a variant by account or network, a post by a label. */
  units: { n: number; sum: number; sumSquares: number }
  groups: GroupSums[]
  days: MeasureDayRow[]
  top: MeasureTopRow[]
}

/**
 * The Measure report of a period, aggregated in the database from measure_units (by account
 * or network: a variant is the unit) or measure_posts (by a label: a post is), each part one
 * JSON value: groups with their sums, daily totals, first-answer medians, the best variants.
 * The three statements run side by side. A 90-day period of a 100,000-post workspace:
 * bench/measure.ts.
 */
export async function measureReport(
  db: Db,
  workspaceId: string,
  query: MeasureQuery,
): Promise<MeasureRows> {
  const [sums, medians, top] = await Promise.all(
    measureStatements(workspaceId, query).map(async (statement) => {
      // Planned for this period every time: the connection's prepared statement turns to a
      // generic plan after five runs, made blind to the period and the workspace, and that
      // took 40 ms where the period's own plan took 13 (sums by topic, 100,000 posts).
      const result = await db.transaction(async (tx) => {
        await tx.execute(sql`set local plan_cache_mode = force_custom_plan`)
        return tx.execute<{ part: unknown }>(statement)
      })
      const part = result.rows[0]?.part
      return typeof part === 'string' ? JSON.parse(part) : part
    }),
  )
  const { posts, units, groups, days } = sums as Omit<MeasureRows, 'top'> & {
    groups: Array<Omit<GroupSums, 'medianFirstResponseSeconds'>>
  }
  const median = new Map(
    (medians as Array<{ key: string; median: number }>).map((m) => [m.key, m.median]),
  )
  return {
    posts,
    units,
    groups: groups.map((g) => ({ ...g, medianFirstResponseSeconds: median.get(g.key) ?? null })),
    days,
    top: top as MeasureTopRow[],
  }
}

type MeasureQuery = MeasurePeriod & { by: MeasureBy; metric: Metric; top: number }

/** What each unit is grouped under: a key, or (by topic) a post's every topic. */
function keysOf(by: MeasureBy): SQL {
  switch (by) {
    case 'account':
      return sql`account_id::text`
    case 'network':
      return sql`network`
    case 'topic':
      return sql`case when cardinality(topics) > 0 then topics else array['']::text[] end`
    case 'approach':
      return sql`coalesce(approach, '')`
    case 'campaign':
      return sql`coalesce(campaign_id::text, '')`
  }
}

/** The keys of one key set (`c.keys`): a topic set names several groups, each once. */
const keysIn = (by: MeasureBy) =>
  by === 'topic' ? sql`lateral (select distinct unnest(c.keys))` : sql`unnest(array[c.keys])`
const named = (by: MeasureBy) => (by === 'topic' ? sql`g.key = any(c.keys)` : sql`g.key = c.keys`)

function labelOf(by: MeasureBy): SQL {
  switch (by) {
    case 'account':
      return sql`coalesce((select handle from accounts where id::text = g.key), g.key)`
    case 'network':
      return sql`g.key`
    case 'topic':
      return sql`case when g.key = '' then 'no topic' else g.key end`
    case 'approach':
      return sql`case when g.key = '' then 'no approach' else g.key end`
    case 'campaign':
      return sql`coalesce((select name from campaigns where id::text = g.key), 'no campaign')`
  }
}

const COUNTS = [
  'replies',
  'reposts',
  'quotes',
  'likes',
  'people',
  'conversations',
  'clicks',
  'visitors',
  'bot_clicks',
  'answered',
] as const

/** Counts as JSON fields, each read by `of`. */
function countsJson(of: (column: SQL) => SQL): SQL {
  const camel = (c: string) => c.replace(/_(\w)/g, (_, l: string) => l.toUpperCase())
  return sql.join(
    COUNTS.map((c) => sql`${camel(c)}::text, ${of(sql`${sql.identifier(c)}`)}`),
    sql`, `,
  )
}

const DAY = 86_400_000
const day = (t: Date) => t.toISOString().slice(0, 10)

/** The whole UTC days of [from, to): from the first midnight at or after `from` to the last before `to`. */
function wholeDays(from: Date, to: Date): { start: Date; end: Date } {
  const midnight = (t: Date) => new Date(Math.floor(t.getTime() / DAY) * DAY)
  const start = midnight(from) < from ? new Date(midnight(from).getTime() + DAY) : from
  return { start, end: midnight(to) }
}

/** The three statements (sums, medians, best variants), for bench/measure.ts to EXPLAIN. */
export function measureStatements(workspaceId: string, query: MeasureQuery): SQL[] {
  const m = sql.identifier(query.metric)
  const byVariant = query.by === 'account' || query.by === 'network'
  const table = sql.identifier(byVariant ? 'measure_units' : 'measure_posts')
  const inPeriod = sql`workspace_id = ${workspaceId}
    and published_at >= ${query.from.toISOString()} and published_at < ${query.to.toISOString()}
    ${query.campaignId ? sql`and campaign_id = ${query.campaignId}` : sql``}`
  const summed = (of: string) =>
    sql.join(
      COUNTS.map((c) => sql`sum(${sql.raw(of)}${sql.identifier(c)})::int as ${sql.identifier(c)}`),
      sql`, `,
    )
  const to = sql`${query.to.toISOString()}::timestamptz at time zone 'UTC'`
  // Whole UTC days come summed from the day table; the period's partial first and last days
  // from the units, so the report is exact for any instants.
  const { start, end } = wholeDays(query.from, query.to)
  const outsideWholeDays = sql`not (published_at >= ${start.toISOString()}
    and published_at < ${end.toISOString()})`
  // One pass sums the units by key set, by day and in all; a label's group is then the sum
  // of the key sets that name it (a post with two topics is in both, "other" to neither).
  // A side's values come from a second pass by key set, run only if a side is small enough
  // to resample (a CTE that no executed branch reads is never run): array_agg in the first pass
  // collected every value three times over, ~10 of a 90-day report's ~50 ms
  // (bench/measure.ts).
  const sums = sql`
    with summed as (
      select ${keysOf(query.by)} as keys, published_day, n, ${m}::float8 as sum,
        ${sql.identifier(`${query.metric}_squares`)}::float8 as sum_squares, posts,
        ${sql.raw(COUNTS.join(', '))}
      from ${sql.identifier(byVariant ? 'measure_unit_days' : 'measure_post_days')}
      where workspace_id = ${workspaceId} and n > 0
        and published_day >= ${day(start)} and published_day < ${day(end)}
        ${query.campaignId ? sql`and campaign_id = ${query.campaignId}` : sql``}
      union all
      select ${keysOf(query.by)}, published_day, 1, ${m}, ${m}::float8 * ${m},
        ${byVariant ? sql`first_of_post::int` : sql`1`}, ${sql.raw(COUNTS.join(', '))}
      from ${table} where ${inPeriod} and ${outsideWholeDays}
    ),
    cells as (
      select keys, published_day as day, grouping(keys, published_day) as cell,
        sum(n)::int as n, sum(sum) as sum, sum(sum_squares) as sum_squares,
        sum(posts)::int as posts, ${summed('')}
      from summed
      group by grouping sets ((keys), (published_day), ())
    ),
    sets as materialized (
      select ${keysOf(query.by)} as keys, array_agg(${m}) as vals
      from ${table} where ${inPeriod}
      group by 1
    ),
    total as (
      select coalesce(n, 0) as n, coalesce(sum, 0) as sum, coalesce(sum_squares, 0) as sum_squares, posts
      from cells where cell = 3
    ),
    grouped as (
      select key, sum(c.n)::int as n, sum(c.sum) as sum, sum(c.sum_squares) as sum_squares,
        ${summed('c.')}
      from cells c, ${keysIn(query.by)} as k(key)
      where c.cell = 1
      group by key
    )
    select json_build_object(
      'posts', coalesce((select posts from total), 0),
      'units', coalesce((select json_build_object('n', n, 'sum', sum, 'sumSquares', sum_squares)
        from total), json_build_object('n', 0, 'sum', 0, 'sumSquares', 0)),
      'groups', coalesce((
        select json_agg(json_build_object('key', g.key, 'label', ${labelOf(query.by)}, 'posts', g.n,
          'sum', g.sum, 'sumSquares', g.sum_squares,
          'values', case when g.n < ${NORMAL_FROM} then (select array_agg(v) from sets c,
            unnest(c.vals) as v where ${named(query.by)}) end,
          'otherValues', case when t.n - g.n < ${NORMAL_FROM} then coalesce((select array_agg(v)
            from sets c, unnest(c.vals) as v where not (${named(query.by)})), '{}') end,
          'totals', json_build_object(${countsJson((c) => sql`g.${c}`)})))
        from grouped g cross join total t), '[]'),
      'days', (
        select json_agg(json_build_object('date', to_char(s.day, 'YYYY-MM-DD'),
          'posts', coalesce(d.posts, 0), ${countsJson((c) => sql`coalesce(d.${c}, 0)`)})
          order by s.day)
        from generate_series(date_trunc('day', ${query.from.toISOString()}::timestamptz at time zone 'UTC'),
          ${to}, interval '1 day') as s(day)
        left join cells d on d.cell = 2 and d.day = s.day::date
        where s.day < ${to})
    ) as part`
  const medians = sql`
    select coalesce(json_agg(json_build_object('key', key, 'median', median)), '[]') as part
    from (
      select key, percentile_cont(0.5) within group (order by seconds) as median
      from (
      select k.key, seconds
      from ${table}, unnest(response_seconds) as seconds,
        ${
          query.by === 'topic'
            ? sql`lateral (select distinct unnest(${keysOf(query.by)}))`
            : sql`lateral (select ${keysOf(query.by)})`
        } as k(key)
      where ${inPeriod} and answered > 0
      ) answered
      group by key
    ) medians`
  // The best variants, whatever the unit: a post on each network is judged there.
  const top = sql`
    select coalesce(json_agg(json_build_object('postId', b.post_id, 'accountId', b.account_id,
        'handle', a.handle, 'network', b.network,
        'publishedAt', to_char(b.published_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'),
        'text', coalesce(v.segments->0->>'text', ''), 'deleted', b.deleted,
        ${countsJson((c) => sql`b.${c}`)})
        order by b.${m} desc, b.people desc, b.published_at desc, b.post_id, b.account_id), '[]') as part
    from (
      select * from measure_units where ${inPeriod} and ${m} > 0
      order by ${m} desc, people desc, published_at desc, post_id, account_id
      limit ${query.top}
    ) b
    join accounts a on a.id = b.account_id
    join variants v on v.id = b.variant_id`
  return [sums, medians, top]
}
