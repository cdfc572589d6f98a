/**
 * Why a feed could not be read: a closed set the polling job decides on, with a message
 * a person can act on ("… could not be read: it did not answer in time").
 */
export type FeedFailureKind =
  /** The SSRF guard refused the address (private, loopback, metadata). */
  | 'refused'
  | 'unreachable'
  | 'timeout'
  | 'too_large'
  | 'too_many_redirects'
  /** 429, or 503 with Retry-After: the server asked us to come back later. */
  | 'rate_limited'
  | 'http'
  /** Fetched, but not a feed Sous can read (malformed XML, a web page, an entity bomb). */
  | 'unreadable'

export class FeedError extends Error {
  readonly code = 'feed_failed'
  constructor(
    readonly kind: FeedFailureKind,
    /** Why, in words: "it did not answer in time". */
    readonly reason: string,
    readonly retryAfterMs?: number,
    options?: ErrorOptions,
  ) {
    super(reason, options)
    this.name = 'FeedError'
  }
}
