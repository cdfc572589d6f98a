import { randomUUID } from 'node:crypto'
import os from 'node:os'
import type { Logger } from 'pino'
import { claimListenLease, releaseListenLease } from '../commands/claim-listen-lease.ts'
import { ingestInboxEvents } from '../commands/ingest-inbox-events.ts'
import { markAccountNeedsAttention } from '../commands/mark-account-needs-attention.ts'
import { openAccountSession } from '../commands/open-account-session.ts'
import { recordListenState } from '../commands/record-listen-state.ts'
import { recordStreamCursor } from '../commands/record-stream-cursor.ts'
import { type BackoffPolicy, backoffDelayMs } from '../core/retry/backoff.ts'
import type { InboxStream, MastodonCredentials } from '../networks/mastodon/index.ts'
import { cursorAfter } from '../networks/mastodon/stream-cursor.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { type InboxEvent, NetworkError } from '../networks/types.ts'
import type { Database } from '../store/connect.ts'
import { inboxStreamSource } from '../store/queries/inbox-pace-facts.ts'
import { streamAccounts } from '../store/queries/stream-accounts.ts'

type AccountRow = Awaited<ReturnType<typeof streamAccounts>>[number]['account']

export type MastodonStreams = { stop: () => Promise<void> }

export type StreamsOptions = {
  database: Database
  secret: Buffer
  networks: Pick<NetworkRegistry, 'mastodon'>
  logger: Logger
  tickMs?: number
  leaseTtlMs?: number
  /** Reconnect backoff after a drop. */
  retry?: BackoffPolicy
  pageSize?: number
}

// A catch-up reads at most this many pages per connection; polling picks up anything beyond.
const CATCH_UP_PAGES = 25

/**
 * Mastodon's user streams: a worker holds one WebSocket per account (a lease row per account,
 * so one process of the instance streams it) and stores each notification as it happens.
 * Streams have no replay, so every connection first catches up over REST from the stored
 * cursor (the stream is opened before, and what it brings meanwhile waits until the catch-up
 * is stored): a drop loses nothing, and the network's ids make repeats harmless. Polling
 * (inbox-jobs.ts) keeps running beside it, slowed to a catch-up while the lease's state says
 * `connected` (set once caught up, cleared when the stream closes).
 */
export function startMastodonStreams(options: StreamsOptions): MastodonStreams {
  const { database, logger } = options
  const tickMs = options.tickMs ?? 10_000
  const leaseTtlMs = options.leaseTtlMs ?? 3 * tickMs
  const holder = `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`
  const running = new Map<string, AccountStream>()
  let stopped = false
  let ticking: Promise<void> | undefined

  const tick = async () => {
    const rows = await streamAccounts(database.db, 'mastodon')
    const wanted = new Set(rows.map((r) => r.account.id))
    for (const [id, stream] of running) {
      if (!wanted.has(id)) {
        running.delete(id)
        await stream.stop()
        await releaseListenLease(database.db, { source: stream.source, holder, state: 'stopped' })
      }
    }
    for (const row of rows) {
      if (stopped) return
      const lease = await claimListenLease(database.db, {
        source: inboxStreamSource(row.account),
        holder,
        ttlMs: leaseTtlMs,
      })
      const current = running.get(row.account.id)
      if (!lease.held) {
        if (current) {
          running.delete(row.account.id)
          await current.stop()
        }
      } else if (!current) {
        running.set(row.account.id, streamAccount(row.account, row.cursor, holder, options))
      }
    }
  }

  const loop = async () => {
    ticking = tick().catch((error: Error) => logger.error({ err: error }, 'stream tick failed'))
    await ticking
    if (!stopped) timer = setTimeout(loop, tickMs)
  }
  let timer: NodeJS.Timeout | undefined = setTimeout(loop, 0)

  return {
    stop: async () => {
      stopped = true
      clearTimeout(timer)
      await ticking
      for (const stream of running.values()) {
        await stream.stop()
        await releaseListenLease(database.db, {
          source: stream.source,
          holder,
          state: 'stopped',
        }).catch(() => {})
      }
      running.clear()
    },
  }
}

type AccountStream = { source: string; stop: () => Promise<void> }

function streamAccount(
  account: AccountRow,
  storedCursor: string | null,
  holder: string,
  options: StreamsOptions,
): AccountStream {
  const { database, logger, secret } = options
  const adapter = options.networks.mastodon
  const retry = options.retry ?? { baseDelayMs: 1_000, maxDelayMs: 60_000 }
  const log = logger.child({ accountId: account.id })
  const source = inboxStreamSource(account)
  // The poll reads this to slow down; a state it cannot write only leaves polling at its pace.
  // In order, so a close right after connecting is never overwritten by the older `connected`.
  let reported: Promise<void> = Promise.resolve()
  const report = (state: 'connected' | 'reconnecting', detail: string | null) => {
    reported = reported
      .then(() => recordListenState(database.db, { source, holder, state, detail }))
      .catch((error: Error) => log.warn({ err: error }, 'recording the stream state failed'))
    return reported
  }
  let cursor = storedCursor ?? undefined
  let stream: InboxStream | undefined
  let stopped = false
  let attempt = 0
  let retryTimer: NodeJS.Timeout | undefined
  // Writes in arrival order, one at a time: the cursor never passes what is not stored yet.
  let writes: Promise<void> = Promise.resolve()
  const serially = (work: () => Promise<void>) => {
    writes = writes.then(work).catch((error: Error) => {
      log.error({ err: error }, 'storing streamed notifications failed')
      stream?.close()
    })
    return writes
  }
  const store = async (events: InboxEvent[], next: string | undefined) => {
    if (events.length) await ingestInboxEvents(database, account, events)
    if (next !== cursor) {
      cursor = next
      await recordStreamCursor(database.db, account.id, cursor ?? null)
    }
  }

  const reconnectLater = (reason: string) => {
    if (stopped) return
    attempt++
    const delay = backoffDelayMs(attempt, retry)
    log.info({ reason, delayMs: delay }, 'Mastodon stream closed; reconnecting')
    retryTimer = setTimeout(connect, delay)
  }

  const connect = async () => {
    if (stopped) return
    let caughtUp = false
    const early: Array<{ event: InboxEvent; id: string }> = []
    try {
      const session = openAccountSession<MastodonCredentials>(database.db, secret, account)
      stream = await adapter.openInboxStream(session, {
        onEvent: (event, id) => {
          if (!caughtUp) early.push({ event, id })
          else void serially(() => store([event], cursorAfter(cursor, id)))
        },
        onClose: (reason) => {
          stream = undefined
          void report('reconnecting', reason)
          reconnectLater(reason)
        },
      })
      if (stopped) return stream.close()
      for (let page = 0; page < CATCH_UP_PAGES; page++) {
        const before = cursor
        const read = await adapter
          .readInboxNewer(session, cursor, options.pageSize)
          .catch(async (failure) => {
            // A cursor this server does not take is dropped: the newest page, then on from there.
            if (!(failure instanceof NetworkError && failure.failure.kind === 'rejected' && cursor))
              throw failure
            log.warn({ cursor }, 'catch-up cursor refused; reading from the newest page')
            return adapter.readInboxNewer(session, undefined, options.pageSize)
          })
        await serially(() => store(read.items, read.cursor))
        log.debug({ page, items: read.items.length, cursor: read.cursor }, 'caught up a page')
        if (read.items.length === 0 || read.cursor === before) break
      }
      caughtUp = true
      await serially(async () => {
        let next = cursor
        for (const { id } of early) next = cursorAfter(next, id)
        await store(
          early.map((e) => e.event),
          next,
        )
      })
      attempt = 0
      if (stream) await report('connected', null)
    } catch (error) {
      if (error instanceof NetworkError && error.failure.kind === 'auth_expired') {
        await markAccountNeedsAttention(database.db, {
          accountId: account.id,
          reason: error.message,
        }).catch(() => {})
        stopped = true
        return
      }
      log.warn({ err: error }, 'Mastodon stream could not start')
      const open = stream
      stream = undefined
      if (open) open.close()
      else reconnectLater(error instanceof Error ? error.message : String(error))
    }
  }
  retryTimer = setTimeout(connect, 0)

  return {
    source,
    stop: async () => {
      stopped = true
      clearTimeout(retryTimer)
      stream?.close()
      await writes
      await reported
    },
  }
}
