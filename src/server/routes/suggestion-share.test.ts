import type { ServerResponse } from 'node:http'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { type FeedServer, startFeedServer } from '../../../test/feed-server.ts'
import { posts, suggestions } from '../../store/schema/index.ts'
import type { Suggestion } from '../presenters/suggestions.ts'

// Sharing opens the composer with the story's card, its image included: the page's Open
// Graph image, else the feed's. Pages, feed and images are served by a local HTTP server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
const PNG_DATA_URL = `data:image/png;base64,${PNG.toString('base64')}`
let t: TestApp
let owner: TestOwner
let server: FeedServer
let ws: string

const page = (head: string) => (_req: unknown, res: ServerResponse) => {
  res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
  res.end(`<!doctype html><html><head><title>x</title>${head}</head><body></body></html>`)
}

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } }))
  server = await startFeedServer()
  ws = `/api/v1/workspaces/${owner.workspace.id}`
  for (const path of ['/card.png', '/feed.png'])
    server.on(path, (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(PNG)
    })
  server.on(
    '/with-image',
    page(
      `<meta property="og:title" content="Rye, explained"><meta property="og:image" content="/card.png">`,
    ),
  )
  server.on('/without-image', page('<meta property="og:title" content="Spelt, explained">'))
  const item = (title: string, path: string) =>
    `<item><title>${title}</title><link>${server.url(path)}</link><enclosure url="${server.url('/feed.png')}" type="image/png" length="${PNG.length}"/></item>`
  server.on('/grains.xml', (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/rss+xml' })
    res.end(
      `<?xml version="1.0"?><rss version="2.0"><channel><title>Grains</title><link>https://grains.example/</link>${item('Rye bread at home', '/with-image')}${item('Spelt is back', '/without-image')}${item('Barley, the forgotten grain', '/gone')}</channel></rss>`,
    )
  })
  const res = await t.request('POST', `${ws}/sources`, {
    cookie: owner.cookie,
    body: { url: server.url('/grains.xml') },
  })
  if (res.status !== 201) throw new Error(`could not add the feed: ${res.text}`)
})
afterAll(async () => {
  await server?.close()
  await t?.close()
})

async function share(title: string) {
  const queue = await t.request('GET', `${ws}/suggestions`, { cookie: owner.cookie })
  const found = (queue.json.items as Suggestion[]).find((s) => s.title === title)
  if (!found) throw new Error(`no suggestion “${title}”`)
  const res = await t.request('POST', `${ws}/suggestions/${found.id}/share`, {
    cookie: owner.cookie,
  })
  expect(res.status).toBe(200)
  return res.json.composer
}

describe('sharing opens the composer with the card’s image', () => {
  it('the page’s Open Graph image, fetched by Sous, with where it lives', async () => {
    expect(await share('Rye bread at home')).toMatchObject({
      link: { url: server.url('/with-image'), title: 'Rye, explained' },
      image: { url: server.url('/card.png'), dataUrl: PNG_DATA_URL, mimeType: 'image/png' },
    })
  })

  it('the feed’s image when the page has none', async () => {
    expect(await share('Spelt is back')).toMatchObject({
      link: { url: server.url('/without-image'), title: 'Spelt, explained' },
      image: { url: server.url('/feed.png'), dataUrl: PNG_DATA_URL, mimeType: 'image/png' },
    })
  })

  it('the feed’s title and image when the page cannot be read', async () => {
    expect(await share('Barley, the forgotten grain')).toMatchObject({
      link: { url: server.url('/gone'), title: 'Barley, the forgotten grain' },
      image: { url: server.url('/feed.png'), dataUrl: PNG_DATA_URL, mimeType: 'image/png' },
    })
  })

  it('the post written from it keeps the card’s image address, read back as written', async () => {
    const link = {
      url: server.url('/with-image'),
      title: 'Rye, explained',
      imageUrl: server.url('/card.png'),
    }
    const posted = await t.request('POST', `${ws}/posts`, {
      cookie: owner.cookie,
      body: { variants: [{ network: 'bluesky', text: 'Rye at home', link }] },
    })
    expect(posted.status, posted.text).toBe(201)
    const read = await t.request('GET', `${ws}/posts/${posted.json.id}`, { cookie: owner.cookie })
    expect(read.json.variants[0].link).toEqual(link)
  })

  it('the link preview says where a card’s image lives, so any post can carry it', async () => {
    const res = await t.request('POST', `${ws}/link-preview`, {
      cookie: owner.cookie,
      body: { url: server.url('/with-image') },
    })
    expect(res.json).toMatchObject({
      image: { mimeType: 'image/png', dataUrl: PNG_DATA_URL },
      imageUrl: server.url('/card.png'),
    })
  })

  it('a post from a suggestion is written by a person: signed out it is refused, signed in it names them', async () => {
    const [story] = await t.database.db.select().from(suggestions).limit(1)
    const body = { text: 'From the feed', suggestionId: story?.id }
    const before = (await t.database.db.select().from(posts)).length
    const anonymous = await t.request('POST', `${ws}/posts`, { body })
    expect(anonymous.status).toBe(401)
    expect(await t.database.db.select().from(posts)).toHaveLength(before)
    const written = await t.request('POST', `${ws}/posts`, { cookie: owner.cookie, body })
    expect(written.status, written.text).toBe(201)
    const [row] = await t.database.db.select().from(posts).where(eq(posts.id, written.json.id))
    expect(row).toMatchObject({ provenance: 'suggestion', createdBy: owner.user.id })
  })
})
