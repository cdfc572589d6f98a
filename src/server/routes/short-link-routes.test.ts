import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedMeasure } from '../../../bench/measure-seed.ts'
import { createTestApp, type TestApp } from '../../../test/app.ts'

const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

let t: TestApp
beforeAll(async () => {
  t = await createTestApp()
})
afterAll(async () => {
  await t?.close()
})

const clicksOf = async (linkId: string) =>
  (
    await t.database.db.execute<{ clicks: number | null; bots: number | null }>(sql`
      select sum(clicks)::int as clicks, sum(bots)::int as bots
      from link_clicks where link_id = ${linkId}`)
  ).rows[0]

// A stop (a deploy, a restart) must not lose the clicks of the seconds before it.
it('writes the clicks still buffered when the app closes (Sous stopping), not only at the next write', async () => {
  const { workspace } = await t.setupOwner()
  await seedMeasure(t.database.db, {
    workspaceId: workspace.id,
    posts: 10,
    snapshots: 1,
    accounts: 1,
    campaigns: 1,
    days: 3,
  })
  const [link] = (
    await t.database.db.execute<{ id: string; code: string }>(
      sql`select id, code from short_links order by code limit 1`,
    )
  ).rows
  if (!link) throw new Error('the seed made no short link')
  const before = await clicksOf(link.id)
  for (const userAgent of [BROWSER, BROWSER, 'Bluesky Cardyb/1.1']) {
    const res = await t.request('GET', `/l/${link.code}`, {
      headers: { 'user-agent': userAgent },
      ip: '198.51.100.23',
    })
    expect(res.status).toBe(302)
  }
  // Buffered: the writer runs every few seconds, and none has run since.
  expect(await clicksOf(link.id)).toEqual(before)
  await t.closeApp()
  expect(await clicksOf(link.id)).toEqual({
    clicks: (before?.clicks ?? 0) + 2,
    bots: (before?.bots ?? 0) + 1,
  })
})
