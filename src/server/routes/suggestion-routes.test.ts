import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { type FeedServer, rssFeed, startFeedServer } from '../../../test/feed-server.ts'
import { posts, suggestions } from '../../store/schema/index.ts'
import type { Suggestion } from '../presenters/suggestions.ts'

let t: TestApp
let owner: TestOwner
let server: FeedServer
let ws: string
const hoursAgo = (h: number) => new Date(Date.now() - h * 3.6e6).toUTCString()

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }))
  server = await startFeedServer()
  ws = `/api/v1/workspaces/${owner.workspace.id}`
  const article = server.url('/article')
  server.on('/article', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
    res.end(`<!doctype html><html><head><title>x</title>
      <link rel="canonical" href="/stories/sourdough">
      <meta property="og:title" content="Sourdough, explained">
      <meta property="og:description" content="Wild yeast at work.">
      </head><body></body></html>`)
  })
  const feed =
    (title: string, items: Parameters<typeof rssFeed>[1]) =>
    (_req: unknown, res: import('node:http').ServerResponse) => {
      res.writeHead(200, { 'content-type': 'application/rss+xml' })
      res.end(rssFeed(title, items))
    }
  server.on(
    '/kitchen.xml',
    feed('Kitchen Notes', [
      {
        title: 'Sourdough starters and wild yeast',
        link: `${article}?utm_source=kitchen`,
        pubDate: hoursAgo(1),
        description: 'A starter is alive.',
      },
      {
        title: 'Knife skills for beginners',
        link: 'https://kitchen.example/knives',
        pubDate: hoursAgo(2),
      },
      {
        title: 'Crypto bread tokens launch',
        link: 'https://kitchen.example/crypto',
        pubDate: hoursAgo(1),
      },
    ]),
  )
  server.on(
    '/wire.xml',
    feed('Food Wire', [
      // The same story: once by its link (tracking aside), once by an edited title.
      {
        title: 'Sourdough starters & wild yeast – Food Wire',
        link: `${article}?utm_medium=wire&fbclid=1`,
        pubDate: hoursAgo(1),
      },
      {
        title: 'Knife Skills For Beginners | Food Wire',
        link: 'https://wire.example/knife-skills',
        pubDate: hoursAgo(2),
      },
    ]),
  )
  for (const path of ['/kitchen.xml', '/wire.xml']) {
    const res = await t.request('POST', `${ws}/sources`, {
      cookie: owner.cookie,
      body: { url: server.url(path) },
    })
    if (res.status !== 201) throw new Error(`could not add ${path}: ${res.text}`)
  }
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

const queue = async (query = '') => {
  const res = await t.request('GET', `${ws}/suggestions${query}`, { cookie: owner.cookie })
  expect(res.status).toBe(200)
  return res.json as { items: Suggestion[]; next: string | null }
}

describe('topics', () => {
  it('are set as a whole and read back, one spelling per term', async () => {
    const res = await t.request('PUT', `${ws}/topics`, {
      cookie: owner.cookie,
      body: {
        topics: [
          { term: 'Sourdough', weight: 3 },
          { term: 'knife skills', weight: 1 },
          { term: 'crypto', weight: -5 },
        ],
      },
    })
    expect(res.status).toBe(200)
    expect((await t.request('GET', `${ws}/topics`, { cookie: owner.cookie })).json).toEqual({
      topics: [
        { term: 'crypto', weight: -5 },
        { term: 'knife skills', weight: 1 },
        { term: 'sourdough', weight: 3 },
      ],
    })
    const outOfRange = await t.request('PUT', `${ws}/topics`, {
      cookie: owner.cookie,
      body: { topics: [{ term: 'x', weight: 50 }] },
    })
    expect(outOfRange.status).toBe(400)
  })
})

describe('the suggestions queue', () => {
  it('merges copies across sources, ranks by topics, and says why', async () => {
    const { items } = await queue()
    expect(items.map((s) => s.title)).toEqual([
      'Sourdough starters and wild yeast',
      'Knife skills for beginners',
      'Crypto bread tokens launch',
    ])
    const [sourdough, knives, crypto] = items
    expect(sourdough).toMatchObject({
      url: server.url('/article'),
      alsoIn: 1,
      source: { title: 'Kitchen Notes' },
      summary: 'A starter is alive.',
      matchedTopics: [{ term: 'sourdough', weight: 3, where: 'title' }],
      state: 'new',
    })
    expect(sourdough?.sources.map((s: { title: string }) => s.title).sort()).toEqual([
      'Food Wire',
      'Kitchen Notes',
    ])
    expect(sourdough?.reasons).toEqual([
      'Matches your topic “sourdough” in the title (weight 3)',
      'Published 1 hour ago',
      'Also in 1 other source',
    ])
    expect(knives?.alsoIn).toBe(1)
    expect(crypto?.reasons[0]).toBe('Matches your topic “crypto” in the title (weight -5)')
  })

  it('pages with before = next, without repeats', async () => {
    const first = await queue('?limit=2')
    expect(first.items).toHaveLength(2)
    const second = await queue(`?limit=2&before=${first.next}`)
    expect(second.items.map((s) => s.title)).toEqual(['Crypto bread tokens launch'])
    expect(second.next).toBeNull()
    expect(
      (await t.request('GET', `${ws}/suggestions?before=nonsense`, { cookie: owner.cookie }))
        .status,
    ).toBe(422)
  })
})

describe('filters', () => {
  it('by source: stories it carries, found there even when another source had them first', async () => {
    const sources = await t.request('GET', `${ws}/sources`, { cookie: owner.cookie })
    const wire = sources.json.items.find((s: { title: string }) => s.title === 'Food Wire')
    const { items } = await queue(`?sourceId=${wire.id}`)
    expect(items.map((s) => s.title)).toEqual([
      'Sourdough starters and wild yeast',
      'Knife skills for beginners',
    ])
    const unknown = await queue('?sourceId=00000000-0000-4000-8000-000000000000')
    expect(unknown.items).toEqual([])
  })

  it('by topic, whatever its case; paging stays inside the filter', async () => {
    const { items } = await queue('?topic=Sourdough')
    expect(items.map((s) => s.title)).toEqual(['Sourdough starters and wild yeast'])
    const knives = await queue('?topic=knife%20skills&limit=1')
    expect(knives.items.map((s) => s.title)).toEqual(['Knife skills for beginners'])
    expect((await queue(`?topic=knife%20skills&limit=1&before=${knives.next}`)).items).toEqual([])
    expect((await queue('?topic=chocolate')).items).toEqual([])
  })
})

describe('deciding', () => {
  it('save keeps it for later, skip takes it out, and the source’s history shows in the next reasons', async () => {
    const { items } = await queue()
    const knives = items.find((s) => s.title.startsWith('Knife'))
    const crypto = items.find((s) => s.title.startsWith('Crypto'))
    const saved = await t.request('POST', `${ws}/suggestions/${knives?.id}/save`, {
      cookie: owner.cookie,
    })
    expect(saved.status).toBe(200)
    expect(saved.json).toMatchObject({ id: knives?.id, state: 'saved' })
    const skipped = await t.request('POST', `${ws}/suggestions/${crypto?.id}/skip`, {
      cookie: owner.cookie,
    })
    expect(skipped.json.state).toBe('skipped')
    expect((await queue()).items.map((s) => s.title)).toEqual(['Sourdough starters and wild yeast'])
    expect((await queue('?state=saved')).items.map((s) => s.id)).toEqual([knives?.id])
    const [row] = await t.database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.id, crypto?.id ?? ''))
    expect(row).toMatchObject({ decidedBy: owner.user.id, matchedTopics: ['crypto'] })
    expect((await queue()).items[0]?.reasons).toContain(
      'From “Kitchen Notes”, of whose earlier suggestions you shared 0 and skipped 1',
    )
  })

  it('share answers with what the composer needs, from the page’s card, and a post written from it is from a suggestion', async () => {
    const [sourdough] = (await queue()).items
    const shared = await t.request('POST', `${ws}/suggestions/${sourdough?.id}/share`, {
      cookie: owner.cookie,
    })
    expect(shared.status).toBe(200)
    expect(shared.json.composer).toEqual({
      suggestionId: sourdough?.id,
      provenance: 'suggestion',
      link: {
        url: server.url('/stories/sourdough'),
        title: 'Sourdough, explained',
        description: 'Wild yeast at work.',
      },
      image: null,
    })
    expect(shared.json.suggestion).toMatchObject({ state: 'shared', postId: null })
    // Sharing posted nothing: the person writes the post.
    expect(await t.database.db.select().from(posts)).toHaveLength(0)

    const post = await t.request('POST', `${ws}/posts`, {
      cookie: owner.cookie,
      body: { text: 'Our take on wild yeast', suggestionId: sourdough?.id },
    })
    expect(post.status).toBe(201)
    expect(post.json.provenance).toBe('suggestion')
    const [linked] = await t.database.db
      .select()
      .from(suggestions)
      .where(eq(suggestions.id, sourdough?.id ?? ''))
    expect(linked?.postId).toBe(post.json.id)
  })

  it('a post naming a suggestion of another workspace is refused', async () => {
    const other = await t.otherWorkspace(owner.user.id)
    const [theirs] = await t.database.db.select({ id: suggestions.id }).from(suggestions)
    const res = await t.request('POST', `/api/v1/workspaces/${other.id}/posts`, {
      cookie: owner.cookie,
      body: { text: 'x', suggestionId: theirs?.id },
    })
    expect(res.status).toBe(422)
    expect(res.json.errors).toEqual([
      { field: 'suggestionId', message: 'not found in this workspace' },
    ])
  })

  it('an unknown suggestion is a 404, and an analyst may look but not decide', async () => {
    const unknown = await t.request(
      'POST',
      `${ws}/suggestions/00000000-0000-4000-8000-000000000000/skip`,
      { cookie: owner.cookie },
    )
    expect(unknown.status).toBe(404)
    const analyst = await t.member(owner.workspace.id, 'analyst')
    expect((await t.request('GET', `${ws}/suggestions`, { cookie: analyst.cookie })).status).toBe(
      200,
    )
    const [any] = (await queue('?state=saved')).items
    expect(
      (await t.request('POST', `${ws}/suggestions/${any?.id}/skip`, { cookie: analyst.cookie }))
        .status,
    ).toBe(403)
  })
})
