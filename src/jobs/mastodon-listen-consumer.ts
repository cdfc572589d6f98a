import { type BackoffPolicy, backoffDelayMs } from '../core/retry/backoff.ts'
import type { ListenConsumer, ListenEvent, StartConsumer } from '../networks/listen/source.ts'
import type {
  InboxStream,
  ListenSubscription,
  ListenTimeline,
  MastodonAdapter,
  MastodonCredentials,
} from '../networks/mastodon/index.ts'
import { type AccountSession, NetworkError } from '../networks/types.ts'

export type MastodonListenOptions = Parameters<StartConsumer>[0] & {
  instance: string
  adapter: Pick<MastodonAdapter, 'openListenStream' | 'readListenTimeline'>
  subscription: ListenSubscription
  /** The reading account's session, opened afresh at each connect. */
  session: () => Promise<AccountSession<MastodonCredentials>>
  /** The instance refused the token: the account needs a person to reconnect it. */
  onAuthExpired: (reason: string) => Promise<void>
  retry?: BackoffPolicy
  /** Statuses per catch-up page (Mastodon: at most 40). */
  pageSize?: number
  /** Pages per timeline a catch-up reads at most; what lies further back is said, not read. */
  catchUpPages?: number
}

/**
 * Federated posts reach an instance a little after they were written: a catch-up reads back
 * this far before the stored cursor. What it reads again is stored once (by status URI).
 */
const REWIND_US = 60_000_000
/** Recently handed-over statuses, so a post in a tag and on the local timeline goes once. */
const SEEN_KEPT = 10_000

/**
 * Reads one instance's public streams for listening. Streams have no replay, so every
 * (re)connect catches up over REST as the inbox's streams do (run-mastodon-streams.ts): the
 * stream is opened first, what it brings meanwhile waits, each timeline is read newest first
 * back to the stored cursor (less a minute), then the waiting posts follow. The cursor is a
 * time in microseconds: up to when everything was read. Backs off quietly (one log line, a
 * state on the page) while the instance is unreachable.
 */
export function startMastodonListenConsumer(options: MastodonListenOptions): ListenConsumer {
  const { logger } = options
  const flushMs = options.flushMs ?? 250
  const retry = options.retry ?? { baseDelayMs: 1_000, maxDelayMs: 60_000 }
  const host = new URL(options.instance).host
  const timelines: ListenTimeline[] = [
    ...(options.subscription.local ? [{ kind: 'local' as const }] : []),
    ...options.subscription.tags.map((tag) => ({ kind: 'tag' as const, tag })),
  ]
  let cursor = options.cursor
  let stream: InboxStream | undefined
  let stopped = false
  let attempt = 0
  let retryTimer: NodeJS.Timeout | undefined
  let flushTimer: NodeJS.Timeout | undefined
  let buffer: ListenEvent[] = []
  const seen = new Set<string>()
  // Batches in arrival order, one at a time: the cursor never passes what is not stored yet.
  let writes: Promise<void> = Promise.resolve()

  const fresh = (events: ListenEvent[]) =>
    events.filter((event) => {
      if (seen.has(event.rkey)) return false
      seen.add(event.rkey)
      if (seen.size > SEEN_KEPT) seen.delete(seen.values().next().value as string)
      return true
    })

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer)
    flushTimer = undefined
    const posts = buffer
    buffer = []
    const readUs = Date.now() * 1_000
    writes = writes.then(async () => {
      const next = Math.max(cursor ?? 0, readUs)
      try {
        await options.onBatch({ posts, cursor: next, lastEventUs: readUs, malformed: 0 })
        cursor = next
      } catch (error) {
        // Not stored: forget them, and reconnect: the catch-up reads them again.
        for (const post of posts) seen.delete(post.rkey)
        logger.error({ err: error }, `listening could not store posts from ${host}; reconnecting`)
        stream?.close()
      }
    })
    return writes
  }

  const reconnectLater = (reason: string) => {
    if (stopped) return
    attempt++
    const delay = backoffDelayMs(attempt, retry)
    if (attempt === 1) {
      logger.warn(
        `listening lost Mastodon ${host} (${reason}); retrying with backoff, state in GET …/searches`,
      )
    }
    options.onState(
      'backing_off',
      `${host}: ${reason}; attempt ${attempt}, next in ${Math.ceil(delay / 1000)} s`,
    )
    retryTimer = setTimeout(connect, delay)
  }

  /** Reads each timeline back to `sinceUs`; answers the timelines it could not read that far. */
  const catchUp = async (session: AccountSession<MastodonCredentials>, sinceUs: number) => {
    const short: string[] = []
    for (const timeline of timelines) {
      let page: string | undefined
      let reached = false
      for (let n = 0; n < (options.catchUpPages ?? 10) && !stopped; n++) {
        const read = await options.adapter.readListenTimeline(
          session,
          timeline,
          page,
          options.pageSize ?? 40,
        )
        buffer.push(...fresh(read.items.filter((event) => event.timeUs >= sinceUs)))
        const oldest = Math.min(...read.items.map((event) => event.timeUs))
        if (!read.cursor || read.items.length === 0 || oldest < sinceUs) {
          reached = true
          break
        }
        page = read.cursor
      }
      if (!reached) short.push(timeline.kind === 'tag' ? `#${timeline.tag}` : 'the local timeline')
    }
    return short
  }

  const connect = async () => {
    if (stopped) return
    options.onState('connecting', null)
    let caughtUp = false
    // Once this connection has ended (or is given up here), its reconnect is scheduled once.
    let ended = false
    let opened: InboxStream | undefined
    const early: ListenEvent[] = []
    try {
      const session = await options.session()
      opened = await options.adapter.openListenStream(session, options.subscription, {
        onPost: (event) => {
          if (!caughtUp) {
            early.push(event)
            return
          }
          buffer.push(...fresh([event]))
          if (!flushTimer) flushTimer = setTimeout(flush, flushMs)
        },
        onClose: (reason) => {
          if (stream === opened) stream = undefined
          if (ended) return
          ended = true
          reconnectLater(reason)
        },
      })
      stream = opened
      if (stopped) return opened.close()
      // A first start reads from now on, as Jetstream does.
      const short = cursor === null ? [] : await catchUp(session, cursor - REWIND_US)
      // Closed meanwhile: the reconnect is on its way, and reads all this again.
      if (ended) return
      caughtUp = true
      buffer.push(...fresh(early))
      // Stored even when empty: everything up to now is read, and a restart resumes from here.
      await flush()
      if (attempt > 0) logger.info(`listening reconnected to Mastodon ${host}`)
      attempt = 0
      if (short.length > 0) {
        logger.warn(
          `listening caught up only the newest posts of ${short.join(', ')} on ${host}; older ones since the last read were not seen`,
        )
      }
      options.onState(
        'connected',
        short.length > 0
          ? `Caught up only the newest posts of ${short.join(', ')}: older ones since the last read were not seen`
          : null,
      )
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error)
      if (error instanceof NetworkError && error.failure.kind === 'auth_expired') {
        await options.onAuthExpired(reason).catch(() => {})
      }
      if (ended) return
      ended = true
      opened?.close()
      reconnectLater(reason)
    }
  }
  retryTimer = setTimeout(connect, 0)

  return {
    stop: async () => {
      stopped = true
      clearTimeout(retryTimer)
      clearTimeout(flushTimer)
      stream?.close()
      await writes
      options.onState('stopped', null)
    },
  }
}
