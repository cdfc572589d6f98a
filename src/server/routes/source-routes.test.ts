import { eq } from 'drizzle-orm'
import { parseOpml } from 'feedsmith'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { type FeedServer, fixture, startFeedServer } from '../../../test/feed-server.ts'
import { auditLog, feedItems, feedSources, suggestions } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
let server: FeedServer
let base: string
beforeAll(async () => {
  // Loopback feeds stand in for the web: the guard is opened for loopback peers only here.
  ;({ t, owner } = await startTestAppWithOwner({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }))
  server = await startFeedServer()
  base = `/api/v1/workspaces/${owner.workspace.id}/sources`
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

const add = (url: string, cookie = owner.cookie) =>
  t.request('POST', base, { cookie, body: { url } })

describe('following a feed', () => {
  it('by its address: read at once, healthy, its entries suggestions', async () => {
    const res = await add(server.url('/fixtures/rss2.xml'))
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({
      url: server.url('/fixtures/rss2.xml'),
      title: 'Kitchen Notes',
      format: 'rss',
      siteUrl: 'https://kitchen.example/',
      items: 2,
      health: { status: 'ok', failures: 0, lastError: null, polling: false },
    })
    expect(Date.parse(res.json.health.nextPollAt) - Date.parse(res.json.health.lastSuccessAt)).toBe(
      60 * 60_000,
    ) // its <ttl>
    const stored = await t.database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.workspaceId, owner.workspace.id))
    expect(stored.map((s) => s.url).sort()).toEqual([
      'https://kitchen.example/posts/butter',
      'https://kitchen.example/posts/sourdough',
    ])
    const [audit] = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'source.added'))
    expect(audit).toMatchObject({ actorUserId: owner.user.id, targetId: res.json.id })
  })

  it('by a site’s page, through its <link rel="alternate">', async () => {
    const res = await add(server.url('/fixtures/page-with-alternate.html'))
    // The page's first feed is the one already followed above.
    expect(res.status).toBe(409)
    expect(res.json.detail).toBe(
      `This workspace already follows ${server.url('/fixtures/rss2.xml')}`,
    )
    await t.request(
      'DELETE',
      `${base}/${(await sourceByUrl(server.url('/fixtures/rss2.xml'))).id}`,
      { cookie: owner.cookie },
    )
    const again = await add(server.url('/fixtures/page-with-alternate.html'))
    expect(again.status).toBe(201)
    expect(again.json.url).toBe(server.url('/fixtures/rss2.xml'))
  })

  it('every format: Atom, RDF, JSON Feed', async () => {
    for (const [name, format] of [
      ['atom.xml', 'atom'],
      ['rdf.xml', 'rdf'],
      ['json-feed.json', 'json'],
    ] as const) {
      const res = await add(server.url(`/fixtures/${name}`))
      expect(res.status, name).toBe(201)
      expect(res.json.format).toBe(format)
    }
  })

  it('refuses what is not a feed with the reason, and adds nothing', async () => {
    const before = await t.database.db.select().from(feedSources)
    for (const [name, reason] of [
      ['malformed.xml', /^the feed cannot be read: its XML is malformed/],
      ['external-entity.xml', /it declares an external entity, which Sous never loads/],
      ['page-without-feed.html', /it is a web page that names no feed/],
    ] as const) {
      const res = await add(server.url(`/fixtures/${name}`))
      expect(res.status, name).toBe(422)
      expect(res.headers.get('content-type')).toContain('application/problem+json')
      expect(res.json.detail).toMatch(/could not be added: /)
      expect(res.json.errors[0].message).toMatch(reason)
    }
    expect(await t.database.db.select().from(feedSources)).toHaveLength(before.length)
  })

  it('is for editors and above', async () => {
    const contributor = await t.member(owner.workspace.id, 'contributor')
    expect((await add(server.url('/fixtures/atom.xml'), contributor.cookie)).status).toBe(403)
  })
})

describe('with the SSRF guard as it runs in production', () => {
  let guarded: TestApp
  let guardedOwner: TestOwner
  beforeAll(async () => {
    ;({ t: guarded, owner: guardedOwner } = await startTestAppWithOwner())
  })
  afterAll(async () => {
    await guarded?.close()
  })

  it('refuses a feed on localhost or the metadata address with a clear problem', async () => {
    const path = `/api/v1/workspaces/${guardedOwner.workspace.id}/sources`
    for (const url of [
      `http://localhost:${server.port}/fixtures/rss2.xml`,
      'http://169.254.169.254/latest/meta-data/',
    ]) {
      const res = await guarded.request('POST', path, {
        cookie: guardedOwner.cookie,
        body: { url },
      })
      expect(res.status, url).toBe(422)
      expect(res.json.detail).toMatch(
        /could not be added: it leads to [\w.]+, a private or reserved address; Sous only fetches public addresses$/,
      )
    }
  })
})

describe('the sources list and its health', () => {
  it('pages with before = next', async () => {
    const first = await t.request('GET', `${base}?limit=2`, { cookie: owner.cookie })
    expect(first.status).toBe(200)
    expect(first.json.items).toHaveLength(2)
    const rest = await t.request('GET', `${base}?limit=100&before=${first.json.next}`, {
      cookie: owner.cookie,
    })
    const ids = [...first.json.items, ...rest.json.items].map((s: { id: string }) => s.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids.length).toBe(
      (
        await t.database.db
          .select()
          .from(feedSources)
          .where(eq(feedSources.workspaceId, owner.workspace.id))
      ).length,
    )
  })
})

describe('removing a source', () => {
  it('drops it, its items and its undecided suggestions; decided ones stay', async () => {
    const source = await sourceByUrl(server.url('/fixtures/atom.xml'))
    const [kept] = await t.database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.sourceId, source.id))
    if (!kept) throw new Error('no suggestion from the Atom feed')
    await t.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/suggestions/${kept.id}/save`,
      { cookie: owner.cookie },
    )
    const res = await t.request('DELETE', `${base}/${source.id}`, { cookie: owner.cookie })
    expect(res.status).toBe(204)
    expect(
      await t.database.db.select().from(feedItems).where(eq(feedItems.sourceId, source.id)),
    ).toHaveLength(0)
    const [after] = await t.database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.id, kept.id))
    expect(after).toMatchObject({ state: 'saved', sourceId: null })
    expect(
      (await t.request('DELETE', `${base}/${source.id}`, { cookie: owner.cookie })).status,
    ).toBe(404)
  })
})

describe('OPML', () => {
  it('imports nested folders as categories, skips includes and bad addresses, and exports them back', async () => {
    const res = await t.request('POST', `${base}/import`, {
      cookie: owner.cookie,
      body: { opml: fixture('nested.opml').toString('utf8') },
    })
    expect(res.status).toBe(201)
    expect(res.json).toEqual({
      imported: 3,
      alreadyFollowed: 0,
      skipped: [
        {
          text: 'Itself',
          reason:
            'it includes another OPML file, which Sous does not follow: import that file itself',
        },
        { text: 'Not a web address', reason: 'its xmlUrl is not an http(s) address' },
      ],
    })
    const pastry = await sourceByUrl('https://pastry.example/atom.xml')
    expect(pastry).toMatchObject({
      category: 'Food/Baking',
      title: 'Pastry Lab',
      lastPolledAt: null,
    })
    const list = await t.request('GET', `${base}?limit=500`, { cookie: owner.cookie })
    expect(list.json.items.find((s: { id: string }) => s.id === pastry.id).health.status).toBe(
      'pending',
    )

    const again = await t.request('POST', `${base}/import`, {
      cookie: owner.cookie,
      body: { opml: fixture('nested.opml').toString('utf8') },
    })
    expect(again.json).toMatchObject({ imported: 0, alreadyFollowed: 3 })

    const exported = await t.request('GET', `${base}/export`, { cookie: owner.cookie })
    expect(exported.status).toBe(200)
    expect(exported.headers.get('content-type')).toBe('text/x-opml; charset=utf-8')
    const tree = parseOpml(exported.text).body?.outlines ?? []
    const names = (outlines: typeof tree): unknown[] =>
      outlines.map((o) => (o.xmlUrl ? o.xmlUrl : { [o.text ?? '']: names(o.outlines ?? []) }))
    expect(names(tree).slice(0, 2)).toEqual([
      { Agriculture: [{ Grain: ['https://grain.example/rdf.xml'] }] },
      {
        Food: ['https://kitchen.example/rss2.xml', { Baking: ['https://pastry.example/atom.xml'] }],
      },
    ])
  })

  it('imports 10,000 outlines in one go, and refuses a file with more feeds than the workspace has room for', async () => {
    const { t: big, owner: bigOwner } = await startTestAppWithOwner()
    try {
      const outlines = (from: number, n: number) =>
        Array.from(
          { length: n },
          (_, i) =>
            `<outline type="rss" text="F${from + i}" xmlUrl="https://f${from + i}.example/feed"/>`,
        ).join('')
      const path = `/api/v1/workspaces/${bigOwner.workspace.id}/sources/import`
      const started = Date.now()
      const res = await big.request('POST', path, {
        cookie: bigOwner.cookie,
        body: { opml: `<opml version="2.0"><body>${outlines(0, 10_000)}</body></opml>` },
      })
      expect(res.status).toBe(201)
      expect(res.json.imported).toBe(10_000)
      expect(Date.now() - started).toBeLessThan(20_000)
      const more = await big.request('POST', path, {
        cookie: bigOwner.cookie,
        body: { opml: `<opml version="2.0"><body>${outlines(10_000, 5)}</body></opml>` },
      })
      expect(more.status).toBe(422)
      expect(more.json.detail).toBe(
        'The file lists 5 feeds and this workspace has room for 0 more (at most 10000 sources)',
      )
    } finally {
      await big.close()
    }
  })

  it('exports a workspace without sources as an empty OPML file, which imports as nothing', async () => {
    const { t: empty, owner: emptyOwner } = await startTestAppWithOwner()
    try {
      await empty.request('PATCH', `/api/v1/workspaces/${emptyOwner.workspace.id}`, {
        cookie: emptyOwner.cookie,
        body: { name: 'Bread & <Butter>' },
      })
      const path = `/api/v1/workspaces/${emptyOwner.workspace.id}/sources`
      const exported = await empty.request('GET', `${path}/export`, { cookie: emptyOwner.cookie })
      expect(exported.status).toBe(200)
      expect(parseOpml(exported.text).head?.title).toMatch(/^Sous sources of /)
      const imported = await empty.request('POST', `${path}/import`, {
        cookie: emptyOwner.cookie,
        body: { opml: exported.text },
      })
      expect(imported.json).toEqual({ imported: 0, alreadyFollowed: 0, skipped: [] })
    } finally {
      await empty.close()
    }
  })

  it('says a file that is not OPML is not', async () => {
    const res = await t.request('POST', `${base}/import`, {
      cookie: owner.cookie,
      body: { opml: '<html><body>hi</body></html>' },
    })
    expect(res.status).toBe(422)
    expect(res.json.detail).toMatch(
      /^The file could not be imported: it is not a readable OPML file/,
    )
  })
})

async function sourceByUrl(url: string) {
  const [source] = await t.database.db.select().from(feedSources).where(eq(feedSources.url, url))
  if (!source) throw new Error(`no source ${url}`)
  return source
}
