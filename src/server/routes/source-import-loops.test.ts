import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { type FeedServer, startFeedServer } from '../../../test/feed-server.ts'

// OPML that loops or nests without end, with its includes on a local HTTP server: Sous
// never follows an include (so a loop cannot spin), and deep folders neither crash the
// import nor lose the feed inside them.
let t: TestApp
let owner: TestOwner
let server: FeedServer
let path: string
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }))
  server = await startFeedServer()
  path = `/api/v1/workspaces/${owner.workspace.id}/sources/import`
  const opml = (body: string) =>
    `<?xml version="1.0"?><opml version="2.0"><head/><body>${body}</body></opml>`
  // a.opml includes b.opml, which includes a.opml.
  server.on('/a.opml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/x-opml' })
    res.end(opml(`<outline type="include" text="B" url="${server.url('/b.opml')}"/>`))
  })
  server.on('/b.opml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/x-opml' })
    res.end(opml(`<outline type="include" text="A" url="${server.url('/a.opml')}"/>`))
  })
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

const importOpml = (body: string) =>
  t.request('POST', path, {
    cookie: owner.cookie,
    body: { opml: `<?xml version="1.0"?><opml version="2.0"><head/><body>${body}</body></opml>` },
  })

describe('OPML with loops and endless nesting', () => {
  it('lists includes that loop as skipped, and fetches none of them', async () => {
    const res = await importOpml(
      `<outline type="include" text="A" url="${server.url('/a.opml')}"/><outline type="include" text="B" url="${server.url('/b.opml')}"/><outline type="rss" text="Real" xmlUrl="https://real.example/feed"/>`,
    )
    expect(res.status, res.text).toBe(201)
    expect(res.json).toMatchObject({ imported: 1, alreadyFollowed: 0 })
    expect(res.json.skipped.map((s: { text: string }) => s.text)).toEqual(['A', 'B'])
    expect(server.requests.filter((r) => r.path.endsWith('.opml'))).toEqual([])
  })

  it('5,000 folders deep: the feed at the bottom is followed, or the file refused in words', async () => {
    const depth = 5_000
    const res = await importOpml(
      `${'<outline text="d">'.repeat(depth)}<outline type="rss" text="Bottom" xmlUrl="https://deep.example/feed"/>${'</outline>'.repeat(depth)}`,
    )
    if (res.status === 201) {
      expect(res.json.imported).toBe(1)
      const list = await t.request(
        'GET',
        `/api/v1/workspaces/${owner.workspace.id}/sources?q=deep.example`,
        {
          cookie: owner.cookie,
        },
      )
      expect(list.json.items).toHaveLength(1)
      expect(list.json.items[0].category?.length ?? 0).toBeLessThanOrEqual(300)
    } else {
      expect(res.status).toBe(422)
      expect(res.json.detail).toMatch(/^The file could not be imported: /)
    }
    // Sous still answers.
    expect(
      (
        await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/sources`, {
          cookie: owner.cookie,
        })
      ).status,
    ).toBe(200)
  })
})
