import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedMeasure } from '../../bench/measure-seed.ts'
import { createTestDatabase, type TestDatabase } from '../../test/database.ts'
import { createClickRecorder } from '../commands/record-clicks.ts'
import { setupInstance } from '../commands/setup-instance.ts'
import { MEASURE_BY } from '../core/measure/group-results.ts'
import { measureReport } from './queries/measure-report.ts'
import { refreshMeasureUnits } from './refresh-measure-units.ts'

// measure_unit_days and measure_post_days are kept by triggers on the Measure rows; after
// every kind of write they must hold what summing those rows afresh gives, and the report,
// which reads them for whole days, what it gives from the rows alone.
let database: TestDatabase
let workspaceId: string
const DAY = 86_400_000
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

beforeAll(async () => {
  database = await createTestDatabase()
  ;({
    workspace: { id: workspaceId },
  } = await setupInstance(database.db, {
    email: 'owner@example.com',
    password: 'correct horse battery',
    workspaceName: 'Bakery',
  }))
  await seedMeasure(database.db, {
    workspaceId,
    posts: 400,
    snapshots: 2,
    accounts: 3,
    campaigns: 4,
    days: 20,
  })
}, 120_000)
afterAll(async () => {
  await database?.close()
})

const SUMS = `count(*)::int as n, sum(posts)::int as posts, sum(replies)::int as replies,
  sum(reposts)::int as reposts, sum(quotes)::int as quotes, sum(likes)::int as likes,
  sum(people)::int as people, sum(conversations)::int as conversations,
  sum(clicks)::int as clicks, sum(visitors)::int as visitors,
  sum(bot_clicks)::int as bot_clicks, sum(answered)::int as answered,
  sum(conversations * conversations)::int as conversations_squares,
  sum(people * people)::int as people_squares, sum(replies * replies)::int as replies_squares,
  sum(quotes * quotes)::int as quotes_squares, sum(reposts * reposts)::int as reposts_squares,
  sum(likes * likes)::int as likes_squares, sum(clicks * clicks)::int as clicks_squares,
  sum(visitors * visitors)::int as visitors_squares`
const KEPT = SUMS.replace(/count\(\*\)/, 'sum(n)').replace(
  /sum\((\w+) \* \w+\)/g,
  'sum($1_squares)',
)

/** Each day table as kept, and as summed afresh from its rows, in one order. */
async function dayTables() {
  const rows = async (query: string) =>
    (await database.db.execute(sql.raw(query))).rows.map((r) => JSON.stringify(r))
  const tables = [
    [
      'measure_unit_days',
      'measure_units',
      'account_id, network, campaign_id',
      'first_of_post::int',
    ],
    ['measure_post_days', 'measure_posts', 'topics, approach, campaign_id', '1'],
  ] as const
  const result = []
  for (const [days, units, keys, posts] of tables) {
    const key = `workspace_id, published_day, ${keys}`
    result.push({
      kept: await rows(`select ${key}, ${KEPT} from ${days} where n > 0
        group by ${key} order by ${key}`),
      fresh: await rows(`select ${key}, ${SUMS} from (select *, ${posts} as posts from ${units}) u
        group by ${key} order by ${key}`),
    })
  }
  return result
}

async function expectKeptExactly() {
  for (const { kept, fresh } of await dayTables()) {
    expect(kept.length).toBeGreaterThan(10)
    expect(kept).toEqual(fresh)
  }
}

const postIds = async (where: string) =>
  (
    await database.db.execute<{ post_id: string }>(
      sql.raw(`select post_id from measure_posts where ${where} order by post_id`),
    )
  ).rows.map((r) => r.post_id)

it('holds what the Measure rows sum to after snapshots, labels, clicks and deletions', async () => {
  await expectKeptExactly()
  // New snapshots: some counts up, some down, in one rewrite.
  const changed = (await postIds('true')).filter((_, i) => i % 3 === 0)
  await database.db.execute(sql`
    update delivery_engagement set likes = likes + 5, replies = greatest(replies - 2, 0),
      conversations = (conversations + 3) % 5
    where post_id = any(${sql.param(changed)}::uuid[])`)
  await refreshMeasureUnits(database.db, changed)
  await expectKeptExactly()
  // New labels move posts to other keys: topics, approach, a campaign or none.
  const relabelled = changed.slice(0, 40)
  const [campaign] = (
    await database.db.execute<{ id: string }>(
      sql`select id from campaigns where workspace_id = ${workspaceId} order by id limit 1`,
    )
  ).rows
  await database.db.execute(sql`
    update post_labels set topics = array['moved'], approach = null,
      campaign_id = case when post_id::text < '8' then ${campaign?.id}::uuid end
    where post_id = any(${sql.param(relabelled)}::uuid[])`)
  await refreshMeasureUnits(database.db, relabelled)
  await expectKeptExactly()
  // A second of clicks through the recorder, on every link.
  const links = (
    await database.db.execute<{ id: string }>(sql`select id from short_links order by code`)
  ).rows
  expect(links.length).toBeGreaterThan(50)
  const recorder = createClickRecorder(database.db, { everyMs: 600_000 })
  for (const [i, link] of links.entries()) {
    const address = `198.51.100.${i % 200}`
    recorder.record({ linkId: link.id, person: true, address, userAgent: BROWSER })
    if (i % 2 === 0)
      recorder.record({ linkId: link.id, person: false, address, userAgent: 'Bluesky Cardyb/1.1' })
  }
  await recorder.close()
  await expectKeptExactly()
  // Posts deleted take their rows along; a deleted campaign's posts have none.
  const deleted = (await postIds('true')).filter((_, i) => i % 7 === 0)
  await database.db.execute(sql`delete from posts where id = any(${sql.param(deleted)}::uuid[])`)
  await database.db.execute(sql`delete from campaigns where id = ${campaign?.id}`)
  await expectKeptExactly()
}, 60_000)

it('holds them when writers of the same days run at once, without a deadlock', async () => {
  const posts = await postIds('true')
  await database.db.execute(
    sql`update delivery_engagement set likes = likes + 1, people = people + 2`,
  )
  const links = (
    await database.db.execute<{ id: string }>(sql`select id from short_links order by code desc`)
  ).rows
  const recorder = createClickRecorder(database.db, { everyMs: 600_000 })
  for (const [i, link] of links.entries())
    recorder.record({
      linkId: link.id,
      person: true,
      address: `203.0.113.${i % 200}`,
      userAgent: BROWSER,
    })
  // Each writer's posts span every day and key, taken in a different order.
  await Promise.all([
    recorder.close(),
    ...[0, 1, 2, 3, 4, 5].map((k) =>
      database.db.transaction((tx) =>
        refreshMeasureUnits(tx, posts.filter((_, i) => i % 6 === k || i % 5 === k).reverse()),
      ),
    ),
  ])
  await expectKeptExactly()
}, 60_000)

it('reports periods starting and ending mid-day as the rows themselves sum', async () => {
  const now = Date.now()
  const periods = [
    [now - 12.3 * DAY, now - 1.7 * DAY],
    [now - 5.5 * DAY, now - 5.2 * DAY],
    [now - 3.9 * DAY, now - 3.05 * DAY],
    [Math.floor(now / DAY - 8) * DAY, Math.floor(now / DAY - 2) * DAY],
  ]
  const [campaign] = (
    await database.db.execute<{ campaign_id: string }>(sql`select campaign_id from measure_posts
      where campaign_id is not null group by 1 order by count(*) desc limit 1`)
  ).rows
  const filters = [undefined, campaign?.campaign_id]
  for (const [from, to] of periods.map(([f, t]) => [new Date(f ?? 0), new Date(t ?? 0)])) {
    for (const [by, campaignId] of MEASURE_BY.flatMap((by) =>
      filters.map((c) => [by, c] as const),
    )) {
      const units = by === 'account' || by === 'network' ? 'measure_units' : 'measure_posts'
      const { rows } = await database.db.execute<{ n: number; sum: number; likes: number }>(sql`
        select count(*)::int as n, coalesce(sum(people), 0)::int as sum,
          coalesce(sum(likes), 0)::int as likes, coalesce(sum(people * people), 0)::int as squares
        from ${sql.identifier(units)}
        where workspace_id = ${workspaceId} and published_at >= ${from?.toISOString()}
          and published_at < ${to?.toISOString()}
          ${campaignId ? sql`and campaign_id = ${campaignId}` : sql``}`)
      const report = await measureReport(database.db, workspaceId, {
        from: from as Date,
        to: to as Date,
        by,
        metric: 'people',
        top: 5,
        ...(campaignId ? { campaignId } : {}),
      })
      const [expected] = rows as Array<{ n: number; sum: number; likes: number; squares: number }>
      expect(report.units).toEqual({
        n: expected?.n,
        sum: expected?.sum,
        sumSquares: expected?.squares,
      })
      // A post with two topics is in two groups; every other unit is in one.
      if (by !== 'topic')
        expect(report.groups.reduce((s, g) => s + g.totals.likes, 0)).toBe(expected?.likes)
      expect(report.days.reduce((s, d) => s + d.likes, 0)).toBe(expected?.likes)
    }
  }
})
