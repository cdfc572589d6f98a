import type { Config } from '../../config.ts'
import { createSafeFetch } from '../../security/create-safe-fetch.ts'
import type { FeedDocument, OpmlReading } from './feed-document.ts'
import { FeedError } from './feed-error.ts'
import {
  FEED_MAX_BYTES,
  FEED_TIMEOUT_MS,
  type FeedRequest,
  type FeedResponse,
  fetchFeed,
} from './fetch-feed.ts'
import { type ParsePool, sharedParsePool } from './parse-pool.ts'

export type PolledFeed =
  | Extract<FeedResponse, { changed: false }>
  | (Omit<Extract<FeedResponse, { changed: true }>, 'bytes' | 'contentType'> & {
      feed: FeedDocument
    })

export type DiscoveredFeed = Extract<PolledFeed, { changed: true }> & { feedUrl: string }

/** Reading feeds: HTTP through the SSRF guard, parsing on the parsing thread. */
export type FeedReader = {
  /** A conditional GET of a followed feed; unchanged, or its new content. */
  poll: (request: FeedRequest) => Promise<PolledFeed>
  /** What a person typed: a feed, or a page whose `<link rel="alternate">` names one. */
  discover: (url: string) => Promise<DiscoveredFeed>
  readOpml: (text: string) => Promise<OpmlReading>
}

export type FeedReaderOptions = {
  fetch: typeof fetch
  userAgent: string
  pool?: ParsePool
  timeoutMs?: number
}

export function createFeedReader(options: FeedReaderOptions): FeedReader {
  const pool = options.pool ?? sharedParsePool()
  const get = (request: FeedRequest) =>
    fetchFeed(options.fetch, request, {
      userAgent: options.userAgent,
      timeoutMs: options.timeoutMs,
    })

  const parse = async (
    response: Extract<FeedResponse, { changed: true }>,
  ): Promise<Extract<PolledFeed, { changed: true }> | { links: string[] }> => {
    const { bytes, contentType, ...rest } = response
    const reading = await pool.read({ bytes, contentType, url: response.finalUrl, expect: 'feed' })
    if (reading.kind === 'feed') return { ...rest, feed: reading.feed }
    if (reading.kind === 'page') return { links: reading.links.map((l) => l.url) }
    throw new FeedError(
      'unreadable',
      reading.kind === 'unreadable' ? reading.reason : 'it is not a feed',
    )
  }

  return {
    async poll(request) {
      const response = await get(request)
      if (!response.changed) return response
      const parsed = await parse(response)
      if ('links' in parsed) {
        throw new FeedError('unreadable', 'it answered with a web page, not a feed')
      }
      return parsed
    },

    async discover(url) {
      const response = await get({ url })
      if (!response.changed)
        throw new FeedError('http', 'it answered 304 Not Modified to a plain GET')
      const parsed = await parse(response)
      if (!('links' in parsed)) return { ...parsed, feedUrl: parsed.movedTo ?? url }
      const [first] = parsed.links
      if (!first) {
        throw new FeedError(
          'unreadable',
          'it is a web page that names no feed (no <link rel="alternate"> to RSS, Atom or JSON Feed)',
        )
      }
      const linked = await get({ url: first })
      if (!linked.changed)
        throw new FeedError('http', 'its feed answered 304 Not Modified to a plain GET')
      const feed = await parse(linked)
      if ('links' in feed) throw new FeedError('unreadable', 'the feed it names is a web page too')
      return { ...feed, feedUrl: feed.movedTo ?? first }
    },

    async readOpml(text) {
      const reading = await pool.read({
        bytes: new TextEncoder().encode(text),
        contentType: 'text/xml; charset=utf-8',
        url: 'about:blank',
        expect: 'opml',
      })
      if (reading.kind === 'opml') return reading.opml
      throw new FeedError(
        'unreadable',
        reading.kind === 'unreadable' ? reading.reason : 'it is not OPML',
      )
    },
  }
}

/** The reader Sous runs with: the guarded fetch (10 s, 5 MB) and a User-Agent naming this instance. */
export function createConfiguredFeedReader(
  config: Pick<Config, 'allowPrivateNetwork' | 'publicUrl'>,
): FeedReader {
  return createFeedReader({
    fetch: createSafeFetch({
      allowPrivateNetwork: config.allowPrivateNetwork,
      timeoutMs: FEED_TIMEOUT_MS,
      maxResponseBytes: FEED_MAX_BYTES,
    }),
    userAgent: feedUserAgent(config.publicUrl),
  })
}

export function feedUserAgent(publicUrl: string): string {
  return `Sous/0.1 (feed reader; +${publicUrl})`
}
