import { plainText } from '../core/inbox/plain-text.ts'
import { FEEDS_SOURCE } from '../core/listen/source-names.ts'
import type { ListenEvent, ListenSource, StartConsumer } from '../networks/listen/source.ts'
import type { Db } from '../store/connect.ts'
import {
  latestFeedItemSeq,
  type NewFeedItem,
  readNewFeedItems,
} from '../store/queries/read-new-feed-items.ts'

/** A gap in `seq` younger than this may be a transaction still committing: wait for it. */
const GAP_WAIT_MS = 10_000

/**
 * New items of the workspaces' feeds (polled by curation) as a listening source: matched only
 * by searches of the item's own workspace that opted in. The cursor is the items' insertion
 * `seq`; the first start begins with the items arriving from then on.
 */
export function feedItemsSource(
  db: Db,
  options: { pollMs?: number; batch?: number } = {},
): ListenSource {
  return {
    name: FEEDS_SOURCE,
    label: 'the workspaces’ feeds',
    accepts: (target) => target.kind === 'search' && target.feeds,
    start: (consumer) => startFeedItemsConsumer(db, { ...options, ...consumer }),
  }
}

function startFeedItemsConsumer(
  db: Db,
  options: Parameters<StartConsumer>[0] & { pollMs?: number; batch?: number },
) {
  const pollMs = options.pollMs ?? options.flushMs ?? 2_000
  const limit = options.batch ?? 500
  let stopped = false
  let wake: (() => void) | undefined
  let failures = 0
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      wake = resolve
      setTimeout(resolve, ms)
    })

  const run = async () => {
    let cursor = options.cursor
    options.onState('connecting', null)
    while (!stopped) {
      try {
        cursor ??= await latestFeedItemSeq(db)
        const rows = await readNewFeedItems(db, cursor, limit)
        const ready = contiguous(rows, cursor, Date.now())
        const last = ready.at(-1)
        if (last) {
          await options.onBatch({
            posts: ready.map(toListenEvent),
            cursor: last.seq,
            lastEventUs: last.firstSeenAt.getTime() * 1_000,
            malformed: 0,
          })
          cursor = last.seq
        }
        if (failures > 0) options.logger.info('listening reads the feed items again')
        failures = 0
        options.onState('connected', null)
        if (ready.length < limit) await sleep(pollMs)
      } catch (error) {
        failures++
        if (failures === 1) {
          options.logger.warn({ err: error }, 'listening could not read the feed items; retrying')
        }
        options.onState('backing_off', `reading the feed items failed; attempt ${failures}`)
        await sleep(Math.min(60_000, pollMs * 2 ** failures))
      }
    }
  }
  const running = run()

  return {
    stop: async () => {
      stopped = true
      wake?.()
      await running
      options.onState('stopped', null)
    },
  }
}

/**
 * The items up to the first recent gap in `seq`: identities are handed out before commit, so
 * a younger gap may still fill; an old one was a rolled-back insert and is passed over.
 */
function contiguous(rows: NewFeedItem[], after: number, now: number): NewFeedItem[] {
  let expected = after + 1
  const ready: NewFeedItem[] = []
  for (const row of rows) {
    if (row.seq !== expected && now - row.firstSeenAt.getTime() < GAP_WAIT_MS) break
    ready.push(row)
    expected = row.seq + 1
  }
  return ready
}

function toListenEvent(item: NewFeedItem): ListenEvent {
  const text = plainText([item.title, item.summary].filter(Boolean).join('\n\n'))
  return {
    did: `feed:${item.sourceId}`,
    rkey: item.id,
    uri: item.url,
    url: item.url,
    timeUs: item.firstSeenAt.getTime() * 1_000,
    createdAt: item.publishedAt.toISOString(),
    post: { text, lang: [], author: item.author ?? undefined },
    network: null,
    workspaceId: item.workspaceId,
  }
}
