/**
 * How syncing people stays inside a network's documented request limit: it uses at most
 * this share of the budget, so the inbox, delivery and the person's own app keep the rest.
 */
export const SYNC_SHARE_OF_LIMIT = 0.5
/** Requests one job step makes before it hands over to the next step, due after its pause. */
export const SYNC_REQUESTS_PER_STEP = 10
/** A full pass (which finds unfollows) at most this often; incremental passes in between. */
export const FULL_SYNC_EVERY_MS = 24 * 60 * 60_000
/** Incremental passes (new followers, new follows) this often. */
export const INCREMENTAL_SYNC_EVERY_MS = 15 * 60_000
/** Counts and last post time are read again after this long, for those whose matter. */
export const CONTEXT_STALE_AFTER_MS = 7 * 24 * 60 * 60_000

export type RateLimit = { requests: number; windowMs: number; per?: 'ip' | 'account' }

/**
 * The pause a sync keeps per request: 200 ms for Bluesky's 3,000 per 5 min, 2 s for
 * Mastodon's 300. A limit per IP is shared by every account syncing on that network at once.
 */
export function syncGapMs(
  limit: RateLimit | undefined,
  options: { share?: number; syncingOnNetwork?: number } = {},
): number {
  if (!limit || limit.requests <= 0) return 1_000
  const sharing = limit.per === 'ip' ? Math.max(1, options.syncingOnNetwork ?? 1) : 1
  return Math.ceil(
    (limit.windowMs * sharing) / (limit.requests * (options.share ?? SYNC_SHARE_OF_LIMIT)),
  )
}

export type SyncKind = 'full' | 'incremental'

/** A full pass until the baseline exists and once a day; otherwise only what is new. */
export function nextSyncKind(input: { lastFullAt: Date | null; now: Date }): SyncKind {
  if (!input.lastFullAt) return 'full'
  return input.now.getTime() - input.lastFullAt.getTime() >= FULL_SYNC_EVERY_MS
    ? 'full'
    : 'incremental'
}

/**
 * Lists come newest first: an incremental pass stops at the first page that brings nobody
 * new (everyone on it was already known to follow), or at the end.
 */
export function incrementalPassDone(input: { newcomers: number; listed: number }): boolean {
  return input.listed === 0 || input.newcomers === 0
}

/** Whether a profile's counts and last post should be (re)read. */
export function needsContext(contextAt: Date | null, now: Date): boolean {
  return !contextAt || now.getTime() - contextAt.getTime() >= CONTEXT_STALE_AFTER_MS
}
