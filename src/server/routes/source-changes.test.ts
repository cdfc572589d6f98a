import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { type FeedServer, fixture, rssFeed, startFeedServer } from '../../../test/feed-server.ts'
import { auditLog, feedSources } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
let server: FeedServer
let base: string
beforeAll(async () => {
  // Loopback feeds stand in for the web: the guard is opened for loopback peers only here.
  ;({ t, owner } = await startTestAppWithOwner({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', LOG_LEVEL: 'error' },
  }))
  server = await startFeedServer()
  base = `/api/v1/workspaces/${owner.workspace.id}/sources`
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

describe('changing a source', () => {
  it('sets its weight and folder; the next suggestions rank by the weight', async () => {
    server.on('/fresh.xml', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(
        rssFeed('Fresh Bread', [
          {
            title: 'Rye, slowly',
            link: 'https://fresh.example/rye',
            pubDate: new Date().toUTCString(),
          },
        ]),
      )
    })
    const added = await t.request('POST', base, {
      cookie: owner.cookie,
      body: { url: server.url('/fresh.xml') },
    })
    expect(added.status).toBe(201)
    const suggestions = `/api/v1/workspaces/${owner.workspace.id}/suggestions`
    const before = await t.request('GET', suggestions, { cookie: owner.cookie })

    const res = await t.request('PATCH', `${base}/${added.json.id}`, {
      cookie: owner.cookie,
      body: { weight: 2.5, category: 'Food' },
    })
    expect(res.status).toBe(200)
    expect(res.json).toMatchObject({ id: added.json.id, weight: 2.5, category: 'Food' })
    expect(res.json.health.status).toBe('ok')
    const after = await t.request('GET', suggestions, { cookie: owner.cookie })
    expect(after.json.items[0].score).toBeCloseTo(before.json.items[0].score * 2.5, 3)
    expect(after.json.items[0].reasons.join(' ')).toMatch(/2\.5/)

    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'source.changed'), eq(auditLog.targetId, added.json.id)))
    expect(audit).toMatchObject({
      actorUserId: owner.user.id,
      data: { weight: [1, 2.5], category: [null, 'Food'] },
    })

    const cleared = await t.request('PATCH', `${base}/${added.json.id}`, {
      cookie: owner.cookie,
      body: { category: null },
    })
    expect(cleared.json).toMatchObject({ weight: 2.5, category: null })
  })

  it('refuses a weight out of range, an unknown source and an analyst', async () => {
    const [source] = await t.database.db
      .select()
      .from(feedSources)
      .where(eq(feedSources.workspaceId, owner.workspace.id))
    const tooHeavy = await t.request('PATCH', `${base}/${source?.id}`, {
      cookie: owner.cookie,
      body: { weight: 50 },
    })
    expect(tooHeavy.status).toBe(400)
    expect(tooHeavy.json.errors[0].field).toBe('weight')
    const unknown = await t.request('PATCH', `${base}/00000000-0000-4000-8000-000000000000`, {
      cookie: owner.cookie,
      body: { weight: 2 },
    })
    expect(unknown.status).toBe(404)
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const refused = await t.request('PATCH', `${base}/${source?.id}`, {
      cookie: analyst.cookie,
      body: { weight: 2 },
    })
    expect(refused.status).toBe(403)
    const [unchanged] = await t.database.db
      .select()
      .from(feedSources)
      .where(eq(feedSources.id, source?.id ?? ''))
    expect(unchanged?.weight).toBe(2.5)
  })
})

describe('OPML sent as the file itself', () => {
  for (const type of ['text/x-opml', 'application/xml', 'text/xml; charset=utf-8']) {
    it(`is imported from a ${type} body`, async () => {
      const { t: app, owner: o } = await startTestAppWithOwner()
      try {
        const res = await app.request(
          'POST',
          `/api/v1/workspaces/${o.workspace.id}/sources/import`,
          {
            cookie: o.cookie,
            rawBody: fixture('nested.opml').toString('utf8'),
            headers: { 'content-type': type },
          },
        )
        expect(res.status).toBe(201)
        expect(res.json).toMatchObject({ imported: 3, alreadyFollowed: 0 })
        const rows = await app.database.db
          .select()
          .from(feedSources)
          .where(eq(feedSources.workspaceId, o.workspace.id))
        expect(rows.map((r) => r.category).sort()).toEqual([
          'Agriculture/Grain',
          'Food',
          'Food/Baking',
        ])
      } finally {
        await app.close()
      }
    })
  }

  it('says what to send when the body is empty, not OPML, or another type', async () => {
    const path = `${base}/import`
    const empty = await t.request('POST', path, {
      cookie: owner.cookie,
      rawBody: '  ',
      headers: { 'content-type': 'text/x-opml' },
    })
    expect(empty.status).toBe(422)
    expect(empty.json.detail).toMatch(/^Send the OPML file as the body/)
    const html = await t.request('POST', path, {
      cookie: owner.cookie,
      rawBody: '<html><body>hi</body></html>',
      headers: { 'content-type': 'application/xml' },
    })
    expect(html.status).toBe(422)
    expect(html.json.detail).toMatch(/^The file could not be imported: it is not a readable OPML/)
    const nul = await t.request('POST', path, {
      cookie: owner.cookie,
      rawBody: '<opml version="2.0"><body><outline text="a\u0000b"/></body></opml>',
      headers: { 'content-type': 'text/x-opml' },
    })
    expect(nul.status).toBe(422)
    expect(nul.json.detail).toMatch(/NUL/)
    const form = await t.request('POST', path, {
      cookie: owner.cookie,
      rawBody: 'opml=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(form.status).toBe(415)
  })
})
