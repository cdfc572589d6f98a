// A FAKE of Bluesky's list endpoints, for the followers bench only: getFollowers, getFollows
// (newest first, 100 a page, opaque cursors), getProfiles (25 at a time) and getAuthorFeed
// (limit 1), answered from generated profiles. It counts every request by method.
import { createServer, type Server } from 'node:http'

export type ListsFake = {
  url: string
  did: string
  /** Requests by XRPC method. */
  requests: Map<string, number>
  /** Puts `count` new followers at the top of the list (they followed most recently). */
  addFollowers: (count: number) => void
  close: () => Promise<void>
}

const DAY = 86_400_000

function profile(i: number, now: number) {
  const did = `did:plc:fan${i.toString(36).padStart(8, '0')}`
  return {
    did,
    handle: `fan${i}.bench.test`,
    displayName: `Fan ${i}`,
    description: i % 7 === 0 ? '' : `Baker number ${i}. Rye, spelt and patience.`,
    avatar: i % 5 === 0 ? undefined : `https://cdn.bench.invalid/${i}.jpg`,
    createdAt: new Date(now - (i % 900) * DAY - DAY).toISOString(),
    indexedAt: new Date(now - (i % 900) * DAY).toISOString(),
  }
}

export async function startListsFake(options: { followers: number; follows: number }) {
  const now = Date.now()
  const did = 'did:plc:benchaccount0000000000'
  // Newest first: index 0 followed last. New followers get ids above the existing ones.
  let followers = Array.from({ length: options.followers }, (_, i) => options.followers - 1 - i)
  let nextId = options.followers
  const follows = Array.from({ length: options.follows }, (_, i) => 10_000_000 + i)
  const requests = new Map<string, number>()
  const page = (list: number[], cursor: string | null, limit: number) => {
    const start = cursor ? Number(cursor) : 0
    const slice = list.slice(start, start + limit)
    const next = start + limit < list.length ? String(start + limit) : undefined
    return { items: slice.map((i) => profile(i, now)), cursor: next }
  }
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://fake')
    const method = url.pathname.replace('/xrpc/', '')
    requests.set(method, (requests.get(method) ?? 0) + 1)
    const limit = Math.min(100, Number(url.searchParams.get('limit') ?? 50))
    const cursor = url.searchParams.get('cursor')
    let body: unknown
    if (method === 'app.bsky.graph.getFollowers') {
      const p = page(followers, cursor, limit)
      body = { subject: { did, handle: 'bench.test' }, followers: p.items, cursor: p.cursor }
    } else if (method === 'app.bsky.graph.getFollows') {
      const p = page(follows, cursor, limit)
      body = { subject: { did, handle: 'bench.test' }, follows: p.items, cursor: p.cursor }
    } else if (method === 'app.bsky.actor.getProfiles') {
      const actors = url.searchParams.getAll('actors').slice(0, 25)
      body = {
        profiles: actors.map((actor) => {
          if (actor === did) {
            return {
              did,
              handle: 'bench.test',
              followersCount: followers.length,
              followsCount: follows.length,
              postsCount: 10,
            }
          }
          const i = Number.parseInt(actor.replace('did:plc:fan', ''), 36)
          return {
            ...profile(i, now),
            followersCount: i % 300,
            followsCount: i % 11 === 0 ? 4800 : 150 + (i % 200),
            postsCount: i % 13 === 0 ? 0 : 40 + (i % 500),
          }
        }),
      }
    } else if (method === 'app.bsky.feed.getAuthorFeed') {
      const actor = url.searchParams.get('actor') ?? ''
      const i = Number.parseInt(actor.replace('did:plc:fan', ''), 36) || 0
      body = {
        feed:
          i % 13 === 0
            ? []
            : [
                {
                  post: {
                    uri: `at://${actor}/app.bsky.feed.post/x`,
                    indexedAt: new Date(now - (i % 200) * DAY).toISOString(),
                  },
                },
              ],
      }
    } else {
      res.writeHead(404, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ error: 'MethodNotImplemented', message: method }))
      return
    }
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(body))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const address = server.address()
  if (!address || typeof address === 'string') throw new Error('no address')
  const fake: ListsFake = {
    url: `http://127.0.0.1:${address.port}`,
    did,
    requests,
    addFollowers: (count) => {
      const fresh = Array.from({ length: count }, (_, i) => nextId + count - 1 - i)
      nextId += count
      followers = [...fresh, ...followers]
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
  return fake
}
