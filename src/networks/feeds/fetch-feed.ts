import { STATUS_CODES } from 'node:http'
import { parseMaxAge, parseRetryAfter } from '../../core/curate/poll-schedule.ts'
import { PrivateAddressError } from '../../security/assert-public-address.ts'
import { ResponseTooLargeError } from '../../security/create-safe-fetch.ts'
import { explainFetchFailure } from '../link-preview/explain-fetch-failure.ts'
import { findCause } from '../transport.ts'
import { FeedError } from './feed-error.ts'

export const FEED_TIMEOUT_MS = 10_000
export const FEED_MAX_BYTES = 5 * 1024 * 1024
export const MAX_REDIRECTS = 5
const ACCEPT =
  'application/rss+xml, application/atom+xml, application/feed+json, application/rdf+xml;q=0.9, application/xml;q=0.9, text/xml;q=0.9, application/json;q=0.8, text/html;q=0.5, */*;q=0.1'

export type FeedRequest = { url: string; etag?: string | null; lastModified?: string | null }

type Common = {
  /** Where the body came from, after redirects. */
  finalUrl: string
  /** The new address when every redirect on the way was permanent (301, 308). */
  movedTo: string | null
  maxAgeSeconds?: number
}

export type FeedResponse =
  | ({ changed: false } & Common)
  | ({
      changed: true
      bytes: Uint8Array
      contentType: string | null
      etag: string | null
      lastModified: string | null
    } & Common)

export type FetchFeedOptions = {
  /** Names Sous and the instance, so a feed's owner knows who polls and where to ask. */
  userAgent: string
  timeoutMs?: number
  now?: () => Date
}

/**
 * One polite GET of a feed: conditional (ETag, Last-Modified), at most MAX_REDIRECTS
 * redirects, each hop through `fetchImpl` (the SSRF-guarded fetch, which also caps the
 * body), all of it within one time limit. Failures are FeedErrors; a 429 or 503 carries
 * the server's Retry-After.
 */
export async function fetchFeed(
  fetchImpl: typeof fetch,
  request: FeedRequest,
  options: FetchFeedOptions,
): Promise<FeedResponse> {
  const signal = AbortSignal.timeout(options.timeoutMs ?? FEED_TIMEOUT_MS)
  const headers: Record<string, string> = { accept: ACCEPT, 'user-agent': options.userAgent }
  if (request.etag) headers['if-none-match'] = request.etag
  if (request.lastModified) headers['if-modified-since'] = request.lastModified
  let url = request.url
  let permanent = true
  try {
    for (let hop = 0; ; hop++) {
      const response = await fetchImpl(url, { headers, redirect: 'manual', signal })
      const location = response.headers.get('location')
      if (response.status >= 300 && response.status < 400 && response.status !== 304) {
        await response.body?.cancel().catch(() => {})
        if (!location)
          throw new FeedError(
            'http',
            `it answered ${describe(response.status)} without saying where to`,
          )
        if (hop >= MAX_REDIRECTS) {
          throw new FeedError('too_many_redirects', `it redirects more than ${MAX_REDIRECTS} times`)
        }
        permanent &&= response.status === 301 || response.status === 308
        url = new URL(location, url).toString()
        continue
      }
      const common: Common = {
        finalUrl: url,
        movedTo: permanent && url !== request.url ? url : null,
        maxAgeSeconds: parseMaxAge(response.headers.get('cache-control')),
      }
      if (response.status === 304) {
        await response.body?.cancel().catch(() => {})
        return { changed: false, ...common }
      }
      if (!response.ok) {
        await response.body?.cancel().catch(() => {})
        const retryAfterMs = parseRetryAfter(
          response.headers.get('retry-after'),
          options.now?.() ?? new Date(),
        )
        if (response.status === 429 || (response.status === 503 && retryAfterMs !== undefined)) {
          throw new FeedError(
            'rate_limited',
            `it answered ${describe(response.status)}`,
            retryAfterMs,
          )
        }
        throw new FeedError('http', `it answered ${describe(response.status)}`)
      }
      const bytes = new Uint8Array(await response.arrayBuffer())
      return {
        changed: true,
        bytes,
        contentType: response.headers.get('content-type'),
        etag: response.headers.get('etag'),
        lastModified: response.headers.get('last-modified'),
        ...common,
      }
    }
  } catch (error) {
    if (error instanceof FeedError) throw error
    throw asFeedError(error, url)
  }
}

function asFeedError(error: unknown, url: string): FeedError {
  const reason = explainFetchFailure(error, url)
  const options = { cause: error }
  if (findCause(error, PrivateAddressError))
    return new FeedError('refused', reason, undefined, options)
  if (findCause(error, ResponseTooLargeError)) {
    return new FeedError(
      'too_large',
      `it is larger than ${FEED_MAX_BYTES / 1024 / 1024} MB, the most a feed may be`,
      undefined,
      options,
    )
  }
  if (reason === 'it did not answer in time')
    return new FeedError('timeout', reason, undefined, options)
  return new FeedError('unreachable', reason, undefined, options)
}

function describe(status: number): string {
  const phrase = STATUS_CODES[status]
  return `${status}${phrase ? ` ${phrase}` : ''}`
}
