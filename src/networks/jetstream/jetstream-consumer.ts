import type { Logger } from 'pino'
import WebSocket from 'ws'
import { JETSTREAM_SOURCE } from '../../core/listen/source-names.ts'
import type { ConsumerState, ListenBatch, ListenConsumer, ListenSource } from '../listen/source.ts'
import { jetstreamUrl } from './jetstream-url.ts'
import { type JetstreamPost, readJetstreamEvent } from './read-jetstream-event.ts'

export type { ConsumerState }
/** Jetstream's cursor is its events' time (microseconds), so `cursor` and `lastEventUs` agree. */
export type JetstreamBatch = ListenBatch
export type JetstreamConsumer = ListenConsumer

/**
 * Reads posts from Jetstream and hands them over in batches (every `flushMs`, or `maxBatch`
 * events). While a batch is being stored the socket is paused, so a flood waits in the
 * source's buffer and shows up as lag instead of memory. Reconnects with exponential backoff
 * (one log line when the source goes away, one when it is back) from the last stored cursor,
 * rewound a little: Jetstream is at-least-once, and the store dedupes by DID and record key.
 */
export function startJetstreamConsumer(options: {
  url: string
  cursor: number | null
  onBatch: (batch: JetstreamBatch) => Promise<void>
  onState: (state: ConsumerState, detail: string | null) => void
  logger: Logger
  flushMs?: number
  maxBatch?: number
  backoff?: { initialMs: number; maxMs: number }
}): JetstreamConsumer {
  const flushMs = options.flushMs ?? 250
  const maxBatch = options.maxBatch ?? 2_000
  const backoff = options.backoff ?? { initialMs: 1_000, maxMs: 60_000 }
  let cursor = options.cursor
  let socket: WebSocket | undefined
  let stopped = false
  let failures = 0
  let retry: NodeJS.Timeout | undefined
  let timer: NodeJS.Timeout | undefined
  let buffer: JetstreamPost[] = []
  let bufferCursor: number | null = null
  let malformed = 0
  let flushing: Promise<void> | undefined

  const flush = async (): Promise<void> => {
    if (timer) clearTimeout(timer)
    timer = undefined
    if (flushing || bufferCursor === null) return
    const batch = { posts: buffer, cursor: bufferCursor, lastEventUs: bufferCursor, malformed }
    buffer = []
    bufferCursor = null
    malformed = 0
    const current = socket
    current?.pause()
    flushing = options
      .onBatch(batch)
      .then(() => {
        cursor = batch.cursor
      })
      .catch((error: Error) => {
        // Not stored: reconnect from the last stored cursor, so these come again.
        options.logger.error({ err: error }, 'listening could not store a batch; reconnecting')
        buffer = []
        bufferCursor = null
        current?.terminate()
      })
      .finally(() => {
        flushing = undefined
        if (!stopped) current?.resume()
      })
    await flushing
    if (buffer.length >= maxBatch) await flush()
    else if (bufferCursor !== null && !timer && !stopped) timer = setTimeout(flush, flushMs)
  }

  const connect = () => {
    if (stopped) return
    const rewound = cursor === null ? null : cursor - 2_000_000
    const { url, resumedFromNow } = jetstreamUrl(options.url, rewound, Date.now() * 1_000)
    if (resumedFromNow) {
      const hours = Math.round((Date.now() * 1_000 - (cursor ?? 0)) / 3.6e9)
      options.logger.warn(
        `listening resumed from now: the stored position is ${hours} h old, older than the ~36 h Jetstream keeps; posts in between were not seen`,
      )
      cursor = null
    }
    options.onState(
      'connecting',
      resumedFromNow
        ? 'Resumed from now: the stored position was older than the ~36 h Jetstream keeps, so posts in between were not seen'
        : null,
    )
    const ws = new WebSocket(url, { handshakeTimeout: 10_000 })
    socket = ws
    ws.on('open', () => {
      if (failures > 0) options.logger.info(`listening reconnected to ${options.url}`)
      options.onState('connected', resumedFromNow ? 'Resumed from now (see the log)' : null)
    })
    ws.on('message', (data) => {
      failures = 0
      const line = readJetstreamEvent(data.toString())
      if (line.kind === 'malformed') {
        malformed++
        return
      }
      if (line.kind === 'post') {
        buffer.push(line.event)
        bufferCursor = line.event.timeUs
      } else {
        bufferCursor = line.timeUs
      }
      if (buffer.length >= maxBatch) void flush()
      else if (!timer) timer = setTimeout(flush, flushMs)
    })
    ws.on('error', () => {})
    ws.on('close', (code) => {
      if (socket === ws) socket = undefined
      if (stopped) return
      failures++
      const delay = Math.min(backoff.maxMs, backoff.initialMs * 2 ** (failures - 1))
      const wait = Math.round(delay / 2 + Math.random() * (delay / 2))
      if (failures === 1) {
        options.logger.warn(
          `listening lost ${options.url} (code ${code}); retrying with backoff, state in GET …/searches`,
        )
      }
      options.onState(
        'backing_off',
        `${options.url} unreachable or closed (code ${code}); attempt ${failures}, next in ${Math.ceil(wait / 1000)} s`,
      )
      retry = setTimeout(connect, wait)
    })
  }

  connect()
  return {
    stop: async () => {
      stopped = true
      if (retry) clearTimeout(retry)
      if (timer) clearTimeout(timer)
      socket?.close()
      socket = undefined
      await flushing
      options.onState('stopped', null)
    },
  }
}

/** Bluesky through Jetstream (the default). */
export function jetstreamSource(options: { url: string }): ListenSource {
  return {
    name: JETSTREAM_SOURCE,
    label: options.url,
    start: (consumer) => startJetstreamConsumer({ url: options.url, ...consumer }),
  }
}
