import { and, eq, sql } from 'drizzle-orm'
import {
  DEFAULT_POLL,
  type PollPace,
  type PollPolicy,
  pollPlan,
} from '../core/inbox/poll-interval.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { type InboxEvent, NetworkError, type Page } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import { isConnected } from '../store/queries/connected-accounts.ts'
import { inboxPaceFacts } from '../store/queries/inbox-pace-facts.ts'
import { accounts, inboxSync } from '../store/schema/index.ts'
import { ingestInboxEvents } from './ingest-inbox-events.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'
import { openAccountSession } from './open-account-session.ts'

// A network that declares no limit is polled as if it had Mastodon's, the strictest we know.
const FALLBACK_LIMIT = { requests: 300, windowMs: 300_000, per: 'account' as const }

export type PollOptions = {
  policy?: PollPolicy
  /** Pages one poll reads at most; a flood beyond it continues from a saved cursor next time. */
  pagesPerPoll?: number
  pageSize?: number
  now?: Date
}

export type PollOutcome = {
  items: number
  reactions: number
  nextPollAt: Date | null
  /** What set the wait (absent when polling stops). */
  pace?: PollPace
}

/**
 * Reads an account's notifications newest first until a page brings nothing new (ids are
 * stable, storage is idempotent, so the overlap costs nothing but a request), then older pages
 * left over from a flood, then stores when to read again (core/inbox/poll-interval.ts: soon
 * after a message in or out, seldom while the account's stream is connected). A cursor the
 * network no longer takes is dropped, not retried. Answers when the next poll is due (null: stop polling).
 */
export async function pollAccountInbox(
  database: Database,
  deps: { networks: NetworkRegistry; secret: Buffer },
  accountId: string,
  options: PollOptions = {},
): Promise<PollOutcome> {
  const { db } = database
  const now = options.now ?? new Date()
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, accountId), isConnected()))
  if (account?.state !== 'ok') return { items: 0, reactions: 0, nextPollAt: null }
  const [sync] = await db.select().from(inboxSync).where(eq(inboxSync.accountId, accountId))
  const adapter = deps.networks.adapterFor(account.network)
  const budget = options.pagesPerPoll ?? 10
  let requests = 0
  let items = 0
  let reactions = 0
  let backfill = sync?.backfillCursor ?? null
  let error: string | null = null
  let retryAfterMs = 0
  const store = async (page: Page<InboxEvent>) => {
    const stored = await ingestInboxEvents(database, account, page.items, { now })
    items += stored.itemIds.length
    reactions += stored.reactions
    return stored.itemIds.length + stored.reactions
  }
  try {
    const session = openAccountSession(db, deps.secret, account)
    const read = async (cursor: string | undefined): Promise<Page<InboxEvent>> => {
      requests++
      return adapter.readInbox(session, cursor, options.pageSize)
    }
    let cursor: string | undefined
    do {
      const page = await read(cursor)
      const fresh = await store(page)
      cursor = page.cursor
      if (fresh === 0) cursor = undefined
      else if (cursor && requests >= budget) backfill = cursor
    } while (cursor && requests < budget)
    while (backfill && requests < budget) {
      try {
        const page = await read(backfill)
        await store(page)
        backfill = page.cursor ?? null
      } catch (failure) {
        // A cursor gone stale is dropped: what it pointed at is older than anything still unread.
        if (failure instanceof NetworkError && failure.failure.kind === 'rejected') backfill = null
        else throw failure
      }
    }
  } catch (failure) {
    if (failure instanceof CredentialsUnreadableError) {
      await markAccountNeedsAttention(db, { accountId, reason: failure.message })
      return { items, reactions, nextPollAt: null }
    }
    if (!(failure instanceof NetworkError)) throw failure
    const kind = failure.failure.kind
    if (kind === 'auth_expired') {
      await markAccountNeedsAttention(db, { accountId, reason: failure.message })
      return { items, reactions, nextPollAt: null }
    }
    error = failure.message
    if (failure.failure.kind === 'rate_limited') retryAfterMs = failure.failure.retryAfterMs ?? 0
  }

  const activity = items > 0 ? now : (sync?.lastActivityAt ?? null)
  const sharing = await accountsSharingLimit(database, account)
  const facts = await inboxPaceFacts(db, account)
  const limit = adapter.capabilities.rateLimit ?? FALLBACK_LIMIT
  const lastActivityAt = Math.max(activity?.getTime() ?? 0, facts.lastPublishedAt?.getTime() ?? 0)
  const plan = pollPlan({
    policy: options.policy ?? DEFAULT_POLL,
    now: now.getTime(),
    lastActivityAt: lastActivityAt || null,
    previousDelayMs: error ? (sync?.delayMs ?? null) : items > 0 ? null : (sync?.delayMs ?? null),
    requests,
    limit,
    sharing,
    // Older pages a flood left are the poll's alone to read: the stream brings only new ones.
    streaming: facts.streaming && !backfill,
  })
  const delay = Math.max(retryAfterMs, plan.delayMs)
  const nextPollAt = new Date(now.getTime() + delay)
  const values = {
    nextPollAt,
    lastPolledAt: now,
    lastActivityAt: activity,
    delayMs: delay,
    backfillCursor: backfill,
    lastError: error,
  }
  await db
    .insert(inboxSync)
    .values({ accountId, ...values })
    .onConflictDoUpdate({ target: inboxSync.accountId, set: values })
  return { items, reactions, nextPollAt, pace: plan.pace }
}

/** How many accounts share this one's rate limit: all this instance polls on the network for a per-IP limit. */
async function accountsSharingLimit(
  database: Database,
  account: { network: string },
): Promise<number> {
  const result = await database.db.execute<{ n: number }>(sql`
    select count(*)::int as n from accounts
    where network = ${account.network} and disconnected_at is null and state = 'ok'`)
  return result.rows[0]?.n ?? 1
}
