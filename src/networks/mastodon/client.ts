import type { mastodon } from 'masto'
import { type AccountSession, NetworkError } from '../types.ts'
import type { MastodonCredentials } from './credentials.ts'
import { type CallKind, toNetworkError } from './errors.ts'
import { restClient, type TransportOptions } from './transport.ts'

export type MastodonClient = {
  session: AccountSession<MastodonCredentials>
  /**
   * Runs calls of one kind: a lost response to a `write` is `unknown_outcome`, to a `read`
   * `transient`; every failure leaves as a `NetworkError`. Nothing is ever repeated here.
   */
  run: <T>(kind: CallKind, call: (rest: mastodon.rest.Client) => Promise<T>) => Promise<T>
}

export function openClient(
  session: AccountSession<MastodonCredentials>,
  options: TransportOptions,
): MastodonClient {
  const { instance, accessToken } = session.credentials
  const rest = restClient(instance, accessToken, options)
  return {
    session,
    run: async (kind, call) => {
      try {
        return await call(rest)
      } catch (error) {
        throw toNetworkError(error, kind)
      }
    },
  }
}

/**
 * The query of the `rel="next"` link (older; `rel="prev"`: newer), whole: where that page starts. Mastodon
 * pages with `max_id`, other servers with parameters of their own; the docs promise only the
 * link, so the cursor is its query, sent back as it came (to the same path, never its URL).
 */
export function nextCursor(headers: Headers, rel: 'next' | 'prev' = 'next'): string | undefined {
  const link = headers.get('link') ?? ''
  for (const part of link.split(',')) {
    const match = new RegExp(`<([^>]+)>\\s*;\\s*rel="?${rel}"?`).exec(part)
    if (!match?.[1] || !URL.canParse(match[1])) continue
    return new URL(match[1]).search.replace(/^\?/, '') || undefined
  }
  return undefined
}

/**
 * The parameters of one page of a list: `first` for the first page, then the cursor's own
 * query (with `limit` set when asked), which masto puts into the URL as it is, as its own
 * paginator does when it follows a link.
 */
export function pageParams<P>(cursor: string | undefined, first: P, limit?: number): P {
  if (cursor === undefined) return first
  const query = new URLSearchParams(cursor)
  const size = pageLimit(limit)
  if (size !== undefined) query.set('limit', String(size))
  return query.toString() as P
}

/** Mastodon allows 40 by default and 80 at most on the lists Sous reads. */
export function pageLimit(limit: number | undefined, max = 80): number | undefined {
  if (limit === undefined) return undefined
  return Math.max(1, Math.min(max, Math.floor(limit)))
}

/**
 * An id that goes into a request path: Mastodon's are numeric, other servers' are ULIDs or
 * UUIDs. Anything else ("../…") is refused before it can address another route.
 */
export function apiId(value: string, what: 'status' | 'account'): string {
  if (/^[A-Za-z0-9_-]{1,64}$/.test(value)) return value
  throw new NetworkError({ kind: 'rejected', reason: `"${value}" is not a Mastodon ${what} id.` })
}
