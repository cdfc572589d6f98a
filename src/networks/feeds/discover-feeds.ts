import { Parser } from 'htmlparser2'
import type { FeedLink } from './feed-document.ts'
import { absolute } from './normalize-feed.ts'

const FEED_TYPES = new Set([
  'application/rss+xml',
  'application/atom+xml',
  'application/rdf+xml',
  'application/feed+json',
  'application/json',
  'text/xml',
  'application/xml',
])

/**
 * The feeds a page advertises with `<link rel="alternate" type="…">`, in page order,
 * resolved against the page's address (or its `<base href>`). Stops at `</head>`.
 */
export function discoverFeeds(html: string, pageUrl: string): FeedLink[] {
  const found: FeedLink[] = []
  let base = pageUrl
  let done = false
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'base' && attributes.href) base = absolute(attributes.href, pageUrl) ?? base
        if (name !== 'link') return
        const rel = (attributes.rel ?? '').toLowerCase().split(/\s+/)
        const type = (attributes.type ?? '').toLowerCase().split(';')[0]?.trim() ?? ''
        if (!rel.includes('alternate') || !FEED_TYPES.has(type)) return
        const url = absolute(attributes.href, base)
        if (url && !found.some((f) => f.url === url)) {
          found.push({ url, type, title: attributes.title?.trim() || null })
        }
      },
      onclosetag(name) {
        if (name === 'head') {
          done = true
          parser.pause()
        }
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  if (!done) parser.end()
  return found
}
