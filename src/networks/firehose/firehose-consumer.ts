import { IdResolver } from '@atproto/identity'
import { type Event, Firehose, FirehoseSubscriptionError } from '@atproto/sync'
import { firehoseSourceName } from '../../core/listen/source-names.ts'
import { POST_COLLECTION, readPostRecord } from '../listen/read-post-record.ts'
import type { ListenConsumer, ListenEvent, ListenSource, StartConsumer } from '../listen/source.ts'

/** Bluesky through the verified firehose of a relay or PDS, instead of Jetstream. */
export function firehoseSource(options: { url: string; plcUrl: string }): ListenSource {
  return {
    name: firehoseSourceName(options.url),
    label: options.url,
    start: (consumer) => startFirehoseConsumer({ ...options, ...consumer }),
  }
}

/**
 * Reads `com.atproto.sync.subscribeRepos` through @atproto/sync: every post's commit is checked
 * against its repository's signing key (resolved through the PLC) and its Merkle proof, so a
 * relay cannot forge posts. Posts are handed over in batches; while a batch is being stored the
 * next event waits, so a flood shows up as lag instead of memory. The cursor is the event
 * `seq`; a batch that cannot be stored is read again from the last stored one.
 */
export const startFirehoseConsumer = (
  options: Parameters<StartConsumer>[0] & {
    url: string
    plcUrl: string
    maxBatch?: number
    backoff?: { initialMs: number; maxMs: number }
  },
): ListenConsumer => {
  const flushMs = options.flushMs ?? 250
  const maxBatch = options.maxBatch ?? 2_000
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 }
  const idResolver = new IdResolver({ plcUrl: options.plcUrl })
  const service = options.url.replace(/^http/, 'ws').replace(/\/+$/, '')
  let cursor = options.cursor
  let stopped = false
  let failed = false
  let failures = 0
  let connected = false
  let firehose: Firehose | undefined
  let buffer: ListenEvent[] = []
  let bufferSeq: number | null = null
  let bufferUs = 0
  let malformed = 0
  let timer: NodeJS.Timeout | undefined
  let flushing: Promise<void> | undefined
  let wake: (() => void) | undefined

  const backingOff = (detail: string) => {
    connected = false
    if (/FutureCursor|Cursor in the future/.test(detail) && cursor !== null) {
      // The service was reset or replaced under the same name: our seq means nothing there.
      options.logger.warn(
        `listening resumed from now: ${options.url} does not know the stored position ${cursor}; posts in between were not seen`,
      )
      cursor = null
    }
    failures++
    if (failures === 1) {
      options.logger.warn(
        `listening lost ${options.url} (${detail}); retrying with backoff, state in GET …/searches`,
      )
    }
    options.onState('backing_off', `${options.url}: ${detail}; attempt ${failures}`)
  }

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    while (flushing) await flushing
    if (bufferSeq === null || failed) return
    const batch = { posts: buffer, cursor: bufferSeq, lastEventUs: bufferUs, malformed }
    buffer = []
    bufferSeq = null
    malformed = 0
    flushing = options.onBatch(batch).then(
      () => {
        cursor = batch.cursor
      },
      (error: Error) => {
        // Not stored: read again from the last stored seq, so nothing in between is lost.
        options.logger.error({ err: error }, 'listening could not store a batch; reconnecting')
        failed = true
        buffer = []
        bufferSeq = null
        void firehose?.destroy()
      },
    )
    await flushing
    flushing = undefined
  }

  const handleEvent = async (event: Event) => {
    if (failed || stopped) return
    if (!connected) {
      connected = true
      if (failures > 0) options.logger.info(`listening reconnected to ${options.url}`)
      failures = 0
      options.onState('connected', null)
    }
    if (event.event !== 'create' || event.collection !== POST_COLLECTION) return
    const at = Date.parse(event.time)
    const timeUs = (Number.isFinite(at) ? at : Date.now()) * 1_000
    const post = readPostRecord(event.did, event.rkey, timeUs, event.record)
    if (post) buffer.push(post)
    else malformed++
    bufferSeq = event.seq
    bufferUs = timeUs
    if (buffer.length >= maxBatch) await flush()
    else if (!timer) timer = setTimeout(() => void flush(), flushMs)
  }

  const run = async () => {
    while (!stopped) {
      failed = false
      connected = false
      options.onState('connecting', null)
      firehose = new Firehose({
        service,
        idResolver,
        filterCollections: [POST_COLLECTION],
        excludeIdentity: true,
        excludeAccount: true,
        excludeSync: true,
        // Asked again on every reconnect: the last stored position, never a buffered one. A
        // getter, because @atproto/sync 0.1.40 reads `getCursor` as a value instead of calling
        // it (a function would be sent as the cursor).
        get getCursor() {
          return cursor ?? undefined
        },
        subscriptionReconnectDelay: backoff.initialMs,
        maxReconnectSeconds: Math.ceil(backoff.maxMs / 1_000),
        onReconnectError: (error: unknown) => backingOff(describe(error)),
        handleEvent,
        onError: (error: Error) => {
          if (error instanceof FirehoseSubscriptionError) backingOff(describe(error.cause ?? error))
          // A commit whose signature or proof does not check out is dropped, as malformed.
          else malformed++
        },
      } as ConstructorParameters<typeof Firehose>[0])
      await firehose.start()
      if (timer) await flush()
      if (stopped) break
      if (!failed) backingOff('the stream ended')
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** Math.max(0, failures - 1))
      await new Promise<void>((resolve) => {
        wake = resolve
        setTimeout(resolve, Math.round(delay / 2 + Math.random() * (delay / 2)))
      })
    }
  }
  const running = run().catch((error: Error) =>
    options.logger.error({ err: error }, 'the firehose consumer stopped'),
  )

  return {
    stop: async () => {
      stopped = true
      wake?.()
      await firehose?.destroy()
      await running
      options.onState('stopped', null)
    },
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
