import { isbot } from 'isbot'

export type ClickRequest = {
  method: string
  userAgent: string | undefined
  /** `Purpose` / `Sec-Purpose` headers: a browser prefetching is not a person clicking. */
  purpose: string | undefined
}

/**
 * Whether a request to a short link is a person's click. Crawlers, link-preview fetchers
 * (Bluesky's card fetcher, Mastodon and other fediverse servers fetching a card, chat apps),
 * requests without a user agent, HEAD requests and prefetches are not.
 */
export function isPersonClick(request: ClickRequest): boolean {
  if (request.method !== 'GET') return false
  if (!request.userAgent?.trim()) return false
  if (request.purpose && /prefetch|prerender|preview/i.test(request.purpose)) return false
  return !isbot(request.userAgent)
}

/** Clicks of one visitor on one link in one day counted at most this often: a flood is one person. */
export const CLICKS_PER_VISITOR_PER_DAY = 3
