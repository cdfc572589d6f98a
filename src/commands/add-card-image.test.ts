import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type FeedServer, startFeedServer } from '../../test/feed-server.ts'
import { blueskyCapabilities } from '../networks/bluesky/capabilities.ts'
import { mastodonDefaultCapabilities } from '../networks/mastodon/capabilities.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { addCardImage, type RequestWithCardImage } from './add-card-image.ts'

// Real collaborators: the guarded fetch of the registry (opened for loopback only) against
// a local HTTP server.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
  'base64',
)
let server: FeedServer
const networks = createNetworkRegistry({
  allowPrivateNetwork: true,
  blueskyPlcUrl: 'https://plc.directory',
})
const request = (imageUrl: string): RequestWithCardImage => ({
  idempotencyKey: 'k',
  text: 'Wild yeast',
  link: { url: 'https://kitchen.example/sourdough', title: 'Sourdough, explained', imageUrl },
})

beforeAll(async () => {
  server = await startFeedServer()
  server.on('/card.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(PNG)
  })
  server.on('/huge.png', (_req, res) => {
    res.writeHead(200, { 'content-type': 'image/png' })
    res.end(Buffer.alloc(1_200_000))
  })
  server.on('/page.html', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html></html>')
  })
})
afterAll(async () => {
  await server?.close()
})

describe('a link card’s image as the post goes out', () => {
  it('is fetched and attached where the client builds the card (Bluesky), titled by the card', async () => {
    const sent = await addCardImage(request(server.url('/card.png')), networks, blueskyCapabilities)
    expect(sent.link).toEqual({
      url: 'https://kitchen.example/sourdough',
      title: 'Sourdough, explained',
      thumbnail: {
        bytes: new Uint8Array(PNG),
        mimeType: 'image/png',
        altText: 'Sourdough, explained',
      },
    })
  })

  it('is not fetched where the network builds its own card (Mastodon)', async () => {
    const asked = server.requests.length
    const sent = await addCardImage(
      request(server.url('/card.png')),
      networks,
      mastodonDefaultCapabilities,
    )
    expect(sent.link).toEqual({
      url: 'https://kitchen.example/sourdough',
      title: 'Sourdough, explained',
    })
    expect(server.requests.length).toBe(asked)
  })

  it('leaves the card without it when it is too large for the network, not an image, or gone', async () => {
    for (const path of ['/huge.png', '/page.html', '/gone.png']) {
      const sent = await addCardImage(request(server.url(path)), networks, blueskyCapabilities)
      expect(sent.link, path).toEqual({
        url: 'https://kitchen.example/sourdough',
        title: 'Sourdough, explained',
      })
    }
  })

  it('is refused on a private address by the guard as it runs in production', async () => {
    const guarded = createNetworkRegistry({
      allowPrivateNetwork: false,
      blueskyPlcUrl: 'https://plc.directory',
    })
    const sent = await addCardImage(
      request('http://169.254.169.254/latest/meta-data/x.png'),
      guarded,
      blueskyCapabilities,
    )
    expect(sent.link).not.toHaveProperty('thumbnail')
  })
})
