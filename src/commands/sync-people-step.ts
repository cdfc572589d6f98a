import { and, eq, isNull, sql } from 'drizzle-orm'
import { incrementalPassDone, SYNC_REQUESTS_PER_STEP, syncGapMs } from '../core/people/sync-plan.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { NetworkError, type ProfileContext } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import { peopleNeedingContext } from '../store/queries/people-needing-context.ts'
import { accounts, peopleSyncs } from '../store/schema/index.ts'
import { finishPeopleListing } from './finish-people-listing.ts'
import { finishPeopleSync } from './finish-people-sync.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'
import { openAccountSession } from './open-account-session.ts'
import { pausePeopleSync } from './pause-people-sync.ts'
import { recordPeoplePage } from './record-people-page.ts'
import { recordProfileContext } from './record-profile-context.ts'
import type { PeopleList } from './start-people-sync.ts'

/** The most each list request asks for (Bluesky gives 100, Mastodon 80). */
export const SYNC_PAGE_SIZE = 100
/** getProfiles takes 25 actors: one batch of context is one such call. */
export const CONTEXT_BATCH = 25

export type SyncStepInput = { accountId: string; list: PeopleList; pass: number; step: number }

export type SyncStepOutcome =
  /** Go on with `step` after `delayMs` (the pace that keeps the sync inside the network's limit). */
  | { next: SyncStepInput; delayMs: number }
  /** Wait and run this same step again (the network asked for it). */
  | { retryAfterMs: number }
  | { done: 'finished' | 'stale' | 'paused' | 'refused' }

export type SyncStepOptions = {
  now?: () => Date
  /** Overrides the pace between requests (the bench measures the machinery with 0). */
  gapMs?: number
  requestsPerStep?: number
}

/**
 * A few requests of one sync pass: list pages (light, one request each) until the end or, in
 * an incremental pass, the first page with nobody new; then counts and last posts for the
 * profiles whose cards and filters need them, 25 at a time. Each page is stored with the
 * cursor after it, so a crash costs at most the page in flight. Expired credentials pause
 * the pass and put the account in "needs attention"; nothing read is lost.
 */
export async function syncPeopleStep(
  database: Database,
  deps: { networks: NetworkRegistry; secret: Buffer },
  input: SyncStepInput,
  options: SyncStepOptions = {},
): Promise<SyncStepOutcome> {
  const { db } = database
  const clock = options.now ?? (() => new Date())
  const [row] = await db
    .select({ account: accounts, sync: peopleSyncs })
    .from(peopleSyncs)
    .innerJoin(accounts, eq(accounts.id, peopleSyncs.accountId))
    .where(
      and(
        eq(peopleSyncs.accountId, input.accountId),
        eq(peopleSyncs.list, input.list),
        isNull(accounts.disconnectedAt),
      ),
    )
  if (!row || row.sync.pass !== input.pass || row.sync.step !== input.step) {
    return { done: 'stale' }
  }
  if (row.sync.pausedReason) return { done: 'paused' }
  const { account, sync } = row
  if (account.state !== 'ok') {
    await pausePeopleSync(db, {
      ...input,
      reason: account.stateReason ?? 'The account needs attention',
    })
    return { done: 'paused' }
  }
  const adapter = deps.networks.adapterFor(account.network)
  const budget = options.requestsPerStep ?? SYNC_REQUESTS_PER_STEP
  let state = sync.state
  let step = input.step
  let cursor = sync.cursor ?? undefined
  let requests = 0
  try {
    const session = openAccountSession(db, deps.secret, account)
    let expected: number | undefined
    if (state === 'listing' && step === 0) {
      // The account's own count is only the progress bar's end: without it the sync goes on.
      const [self] = await adapter
        .readProfiles(session, [account.networkAccountId])
        .catch((error: unknown) => {
          if (error instanceof NetworkError && error.failure.kind === 'rejected') return []
          throw error
        })
      requests += 2
      expected = input.list === 'followers' ? self?.followersCount : self?.followingCount
    }
    // At least one page or batch a step, whatever the budget: every step moves the pass on.
    for (let first = true; first || (requests < budget && state !== 'idle'); first = false) {
      const now = clock()
      if (state === 'listing') {
        const read = input.list === 'followers' ? adapter.listFollowers : adapter.listFollows
        const page = await read(session, cursor, SYNC_PAGE_SIZE, 'listed')
        requests += 1
        const recorded = await recordPeoplePage(db, {
          ...input,
          step,
          items: page.items,
          cursor: page.cursor,
          requests: expected === undefined ? 1 : 3,
          expected,
          now,
        })
        if (!recorded) return { done: 'stale' }
        expected = undefined
        step += 1
        cursor = page.cursor
        const ended =
          !page.cursor ||
          (sync.kind === 'incremental' &&
            incrementalPassDone({ newcomers: recorded.newcomers, listed: recorded.listed }))
        if (ended) {
          if (!(await finishPeopleListing(db, { ...input, step, now }))) return { done: 'stale' }
          step += 1
          state = 'enriching'
        }
      } else {
        const ids = await peopleNeedingContext(db, {
          accountId: input.accountId,
          list: input.list,
          limit: CONTEXT_BATCH,
          now,
        })
        if (!ids.length) {
          if (!(await finishPeopleSync(db, { ...input, step, now }))) return { done: 'stale' }
          return { done: 'finished' }
        }
        const found: ProfileContext[] = await adapter.readProfiles(session, ids)
        // Each profile may cost a request of its own (Bluesky's last post, Mastodon's lookup).
        const cost = ids.length + 1
        requests += cost
        const stored = await recordProfileContext(db, {
          ...input,
          step,
          asked: ids,
          found,
          requests: cost,
          now,
        })
        if (!stored) return { done: 'stale' }
        step += 1
      }
    }
  } catch (error) {
    if (error instanceof CredentialsUnreadableError) {
      await pauseForAttention(database, input, error.message)
      return { done: 'paused' }
    }
    if (!(error instanceof NetworkError)) throw error
    const failure = error.failure
    if (failure.kind === 'auth_expired') {
      await pauseForAttention(database, input, failure.message)
      return { done: 'paused' }
    }
    if (failure.kind === 'rate_limited') return { retryAfterMs: failure.retryAfterMs }
    if (failure.kind === 'rejected') {
      await db.execute(sql`
        update people_syncs set state = 'idle', last_error = ${failure.reason},
          finished_at = now(), step = step + 1, updated_at = now()
        where account_id = ${input.accountId} and list = ${input.list} and pass = ${input.pass}`)
      return { done: 'refused' }
    }
    throw error
  }
  const syncing = await syncingOnNetwork(database, account.network)
  const gap =
    options.gapMs ?? syncGapMs(adapter.capabilities.rateLimit, { syncingOnNetwork: syncing })
  return { next: { ...input, step }, delayMs: gap * requests }
}

async function pauseForAttention(database: Database, input: SyncStepInput, reason: string) {
  await database.db.transaction(async (tx) => {
    await markAccountNeedsAttention(tx, { accountId: input.accountId, reason })
    await pausePeopleSync(tx, { ...input, reason })
  })
}

async function syncingOnNetwork(database: Database, network: string): Promise<number> {
  const { rows } = await database.db.execute<{ n: number }>(sql`
    select count(distinct s.account_id)::int as n from people_syncs s
    join accounts a on a.id = s.account_id
    where a.network = ${network} and s.state <> 'idle' and s.paused_reason is null`)
  return rows[0]?.n ?? 1
}
