import { readFileSync } from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'

const FIXTURES = new URL('./fixtures/feeds/', import.meta.url)

export function fixture(name: string): Buffer {
  return readFileSync(new URL(name, FIXTURES))
}

const TYPES: Record<string, string> = {
  xml: 'application/xml',
  json: 'application/feed+json',
  html: 'text/html; charset=utf-8',
  opml: 'text/x-opml',
}

export type FeedRequestLog = { path: string; headers: http.IncomingHttpHeaders; at: number }
type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void

/**
 * A local HTTP server standing in for the web's feeds: `/fixtures/<name>` serves a file from
 * test/fixtures/feeds (`?type=` overrides its Content-Type), `on(path, handler)` adds any
 * other answer, and every request is logged with its headers.
 */
export async function startFeedServer(host = '127.0.0.1') {
  const routes = new Map<string, Handler>()
  const requests: FeedRequestLog[] = []
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    requests.push({ path: url.pathname, headers: req.headers, at: Date.now() })
    const handler = routes.get(url.pathname)
    if (handler) return handler(req, res)
    if (url.pathname.startsWith('/fixtures/')) {
      const name = url.pathname.slice('/fixtures/'.length)
      const type =
        url.searchParams.get('type') ??
        TYPES[name.split('.').pop() ?? ''] ??
        'application/octet-stream'
      res.writeHead(200, { 'content-type': type })
      res.end(fixture(name))
      return
    }
    res.writeHead(404, { 'content-type': 'text/plain' })
    res.end('not found')
  })
  await new Promise<void>((resolve) => server.listen(0, host, resolve))
  const { port } = server.address() as AddressInfo
  const base = `http://${host}:${port}`
  return {
    port,
    base,
    url: (path: string) => `${base}${path}`,
    requests,
    on: (path: string, handler: Handler) => routes.set(path, handler),
    close: async () => {
      server.closeAllConnections()
      await new Promise((resolve) => server.close(resolve))
    },
  }
}

export type FeedServer = Awaited<ReturnType<typeof startFeedServer>>

/** An RSS 2.0 feed of `items`, newest first, for tests that change a feed between polls. */
export function rssFeed(
  title: string,
  items: Array<{
    title: string
    link: string
    guid?: string
    pubDate?: string
    description?: string
  }>,
): string {
  const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>${xml(title)}</title><link>https://feeds.example/</link>${items
    .map(
      (i) =>
        `<item><title>${xml(i.title)}</title><link>${xml(i.link)}</link>${i.guid ? `<guid isPermaLink="false">${xml(i.guid)}</guid>` : ''}${i.pubDate ? `<pubDate>${i.pubDate}</pubDate>` : ''}${i.description ? `<description>${xml(i.description)}</description>` : ''}</item>`,
    )
    .join('')}</channel></rss>`
}
