import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedMeasure } from '../../bench/measure-seed.ts'
import { createTestDatabase, type TestDatabase } from '../../test/database.ts'
import { refreshMeasureUnits } from '../store/refresh-measure-units.ts'
import { createClickRecorder } from './record-clicks.ts'
import { setupInstance } from './setup-instance.ts'

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

let database: TestDatabase
let links: Array<{ id: string; post_id: string }>

beforeAll(async () => {
  database = await createTestDatabase()
  const { workspace } = await setupInstance(database.db, {
    email: 'owner@clicks.invalid',
    password: 'a-password-long-enough',
    workspaceName: 'Clicks',
  })
  // 2,500 posts, every fifth with a short link: 500 links, more than one write takes.
  await seedMeasure(database.db, {
    workspaceId: workspace.id,
    posts: 2_500,
    snapshots: 1,
    accounts: 4,
    campaigns: 2,
    days: 30,
  })
  links = (
    await database.db.execute<{ id: string; post_id: string }>(
      sql`select id, post_id from short_links order by code`,
    )
  ).rows
}, 60_000)
afterAll(async () => {
  await database?.close()
})

const totals = async () =>
  (
    await database.db.execute<{
      clicks: number
      visitors: number
      bots: number
      links: number
    }>(sql`
      select (select sum(clicks)::int from measure_posts) as clicks,
        (select sum(visitors)::int from measure_posts) as visitors,
        (select sum(bot_clicks)::int from measure_posts) as bots,
        (select sum(clicks)::int from link_clicks) as links`)
  ).rows[0]

it('counts a second of clicks on 500 links in the links and the Measure rows alike', async () => {
  expect(links).toHaveLength(500)
  const before = await totals()
  const recorder = createClickRecorder(database.db, { everyMs: 600_000 })
  for (const [i, link] of links.entries()) {
    // A new visitor on every link; a second click of theirs, and a card fetcher, on some.
    const address = `198.51.100.${i % 200}`
    recorder.record({ linkId: link.id, person: true, address, userAgent: BROWSER })
    if (i % 3 === 0) recorder.record({ linkId: link.id, person: true, address, userAgent: BROWSER })
    if (i % 2 === 0)
      recorder.record({ linkId: link.id, person: false, address, userAgent: 'Bluesky Cardyb/1.1' })
  }
  await recorder.close()
  const after = await totals()
  expect({
    clicks: (after?.clicks ?? 0) - (before?.clicks ?? 0),
    visitors: (after?.visitors ?? 0) - (before?.visitors ?? 0),
    bots: (after?.bots ?? 0) - (before?.bots ?? 0),
    links: (after?.links ?? 0) - (before?.links ?? 0),
  }).toEqual({ clicks: 667, visitors: 500, bots: 250, links: 667 })
  // What the pieces added is what a rewrite from the clicks themselves gives.
  await refreshMeasureUnits(database.db, [...new Set(links.map((l) => l.post_id))])
  expect(await totals()).toEqual(after)
})

it('writes the other links’ clicks when a clicked link is deleted before the write', async () => {
  const [gone, kept] = links.slice(-2) as [(typeof links)[0], (typeof links)[0]]
  const counts = async () =>
    (
      await database.db.execute<{ clicks: number; visitors: number }>(sql`
        select (select sum(clicks)::int from link_clicks where link_id = ${kept.id}) as clicks,
          (select visitors from measure_posts where post_id = ${kept.post_id}) as visitors`)
    ).rows[0]
  const before = await counts()
  const recorder = createClickRecorder(database.db, { everyMs: 600_000 })
  for (const link of [gone, kept])
    recorder.record({ linkId: link.id, person: true, address: '192.0.2.9', userAgent: BROWSER })
  // The post went, and its link with it, while the redirect still remembered the link.
  await database.db.execute(sql`delete from short_links where id = ${gone.id}`)
  await recorder.close()
  expect(await counts()).toEqual({
    clicks: (before?.clicks ?? 0) + 1,
    visitors: (before?.visitors ?? 0) + 1,
  })
})

it('writes a second’s clicks with the next when its write failed', async () => {
  const [link] = links as [(typeof links)[0]]
  const counts = async () =>
    (
      await database.db.execute<{ clicks: number; visitors: number }>(sql`
        select (select sum(clicks)::int from link_clicks where link_id = ${link.id}) as clicks,
          (select visitors from measure_posts where post_id = ${link.post_id}) as visitors`)
    ).rows[0]
  const before = await counts()
  // The database out of reach for one write, as when PostgreSQL restarts.
  let failures = 1
  const flaky = Object.create(database.db) as typeof database.db
  flaky.transaction = ((...args: Parameters<typeof database.db.transaction>) => {
    if (failures-- > 0) return Promise.reject(new Error('connection terminated unexpectedly'))
    return database.db.transaction(...args)
  }) as typeof database.db.transaction
  const recorder = createClickRecorder(flaky, { everyMs: 600_000 })
  recorder.record({ linkId: link.id, person: true, address: '192.0.2.44', userAgent: BROWSER })
  await recorder.flush()
  expect(await counts()).toEqual(before)
  recorder.record({ linkId: link.id, person: true, address: '192.0.2.45', userAgent: BROWSER })
  await recorder.close()
  expect(await counts()).toEqual({
    clicks: (before?.clicks ?? 0) + 2,
    visitors: (before?.visitors ?? 0) + 2,
  })
})
