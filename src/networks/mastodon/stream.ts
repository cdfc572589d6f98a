import net from 'node:net'
import type { mastodon } from 'masto'
import { SerializerNativeImpl } from 'masto/adapters/serializers/index.js'
import WebSocket from 'ws'
import { assertPublicAddress, isPublicAddress } from '../../security/assert-public-address.ts'
import { publicAddressLookup } from '../../security/create-safe-fetch.ts'
import { type InboxEvent, NetworkError, type Page } from '../types.ts'
import { type MastodonClient, nextCursor, pageLimit, pageParams } from './client.ts'
import { localDomainOf } from './identity.ts'
import { INBOX_TYPES, toInboxEvent } from './inbox.ts'

export type InboxStreamHandlers = {
  /** One notification as it happened; `id` is the notification's (for the catch-up cursor). */
  onEvent: (event: InboxEvent, id: string) => void
  /** The stream ended (network, server, or `close()`): nothing more arrives on it. */
  onClose: (reason: string) => void
}

export type InboxStream = { close: () => void }

export type StreamOptions = {
  /** Loopback test peers only (`SOUS_ALLOW_PRIVATE_NETWORK=1`). */
  allowPrivateNetwork: boolean
  /** No frame (event or pong) for this long ends the stream as dead; pinged at a third of it. */
  silenceMs?: number
}

const serializer = new SerializerNativeImpl()

/**
 * Newer notifications than `cursor`, one page, and the cursor to read newer from next, for catching up after a stream was away
 * (streams have no replay). The cursor is the query of the `rel="prev"` link (Mastodon:
 * `min_id`, the page just above it); without one, the newest page. An empty page keeps the
 * cursor: nothing newer yet.
 */
export async function readInboxNewer(
  client: MastodonClient,
  cursor?: string,
  limit?: number,
): Promise<Page<InboxEvent>> {
  const page = await client.run('read', async (rest) =>
    rest.v1.notifications.list.$raw(
      pageParams(cursor, { types: INBOX_TYPES, limit: pageLimit(limit) }, limit),
    ),
  )
  const { accountId, handle } = client.session.credentials
  const items = page.data.flatMap((n) => toInboxEvent(n, accountId, localDomainOf(handle)) ?? [])
  // Every notification moves the cursor, not only the kinds kept: a page of likes still counts.
  return { items, cursor: page.data.length ? (nextCursor(page.headers, 'prev') ?? cursor) : cursor }
}

/**
 * The account's notification stream (`user:notification`) on the instance's streaming server:
 * each event a frame whose `payload` is the Notification as a JSON string. Resolves once
 * open; a refusal before that is a NetworkError (401 → auth_expired).
 */
export async function openInboxStream(
  client: MastodonClient,
  options: StreamOptions,
  handlers: InboxStreamHandlers,
): Promise<InboxStream> {
  const { accountId, handle } = client.session.credentials
  const localDomain = localDomainOf(handle)
  return openStreamingSocket(
    client,
    options,
    { stream: 'user:notification' },
    {
      onFrame: (frame) => {
        const notification = readStreamPayload<mastodon.v1.Notification>(frame, 'notification')
        if (!notification) return
        const event = toInboxEvent(notification, accountId, localDomain)
        if (event) handlers.onEvent(event, notification.id)
      },
      onClose: handlers.onClose,
    },
  )
}

export type StreamingSocket = InboxStream & {
  /** A text frame to the server: `{"type":"subscribe",…}` on a multiplexed connection. */
  send: (message: object) => void
}

/**
 * A WebSocket to the instance's streaming server, as documented at
 * docs.joinmastodon.org/methods/streaming: the address from `configuration.urls.streaming`, the
 * token in `Sec-WebSocket-Protocol` (never in a URL), the stream named by `query` (none: a
 * multiplexed connection that subscribes by messages). Resolves once open; a refusal before
 * that is a NetworkError (401 → auth_expired). The host is user-supplied: it is dialled only
 * at a public address (checked on lookup, IP literals first, the peer after).
 */
export async function openStreamingSocket(
  client: MastodonClient,
  options: StreamOptions,
  query: Record<string, string>,
  handlers: { onFrame: (frame: string) => void; onClose: (reason: string) => void },
): Promise<StreamingSocket> {
  const { accessToken } = client.session.credentials
  const instance = await client.run('read', (rest) => rest.v2.instance.fetch())
  const base = instance.configuration?.urls?.streaming || client.session.credentials.instance
  const url = new URL('/api/v1/streaming', base.replace(/^http/, 'ws'))
  for (const [name, value] of Object.entries(query)) url.searchParams.set(name, value)
  if (url.protocol !== 'wss:' && url.protocol !== 'ws:')
    throw new NetworkError({ kind: 'rejected', reason: `${base} is not a streaming address` })
  const guarded = !options.allowPrivateNetwork
  if (guarded && net.isIP(url.hostname.replace(/^\[|\]$/g, ''))) {
    try {
      assertPublicAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''))
    } catch (refused) {
      throw new NetworkError({ kind: 'rejected', reason: (refused as Error).message })
    }
  }
  const silenceMs = options.silenceMs ?? 90_000
  const socket = new WebSocket(url, [accessToken], {
    handshakeTimeout: 15_000,
    maxPayload: 2 * 1024 * 1024,
    ...(guarded ? { lookup: publicAddressLookup } : {}),
  })
  let closed = false
  let heard = Date.now()
  let watchdog: NodeJS.Timeout | undefined
  const end = (reason: string) => {
    if (closed) return
    closed = true
    clearInterval(watchdog)
    socket.terminate()
    handlers.onClose(reason)
  }
  await new Promise<void>((resolve, reject) => {
    socket.once('upgrade', (response) => {
      const peer = response.socket.remoteAddress ?? ''
      if (guarded && !isPublicAddress(peer)) reject(refusal(`${url.host} is at a private address`))
    })
    socket.once('unexpected-response', (_request, response) => {
      const status = response.statusCode ?? 0
      response.resume()
      reject(
        status === 401 || status === 403
          ? new NetworkError({
              kind: 'auth_expired',
              message: 'The streaming API refused the token',
            })
          : new NetworkError({
              kind: 'transient',
              message: `The streaming API answered ${status}`,
            }),
      )
    })
    socket.once('error', (error) =>
      reject(new NetworkError({ kind: 'transient', message: `Streaming: ${error.message}` })),
    )
    socket.once('open', resolve)
  }).catch((error) => {
    closed = true
    socket.terminate()
    throw error
  })
  socket.on('message', (data) => {
    heard = Date.now()
    handlers.onFrame(data.toString())
  })
  socket.on('pong', () => {
    heard = Date.now()
  })
  socket.on('close', (code) => end(`closed (${code})`))
  socket.on('error', (error) => end(error.message))
  // A connection can die without a FIN (a NAT forgetting it): pings find out.
  watchdog = setInterval(() => {
    if (Date.now() - heard > silenceMs) return end('silent')
    socket.ping()
  }, silenceMs / 3)
  watchdog.unref()
  return {
    close: () => end('closed by Sous'),
    send: (message) => {
      if (!closed && socket.readyState === WebSocket.OPEN) socket.send(JSON.stringify(message))
    },
  }
}

/**
 * The payload of one streaming frame of this event (`notification`, `update`), undefined for
 * any other frame or one that does not parse.
 */
export function readStreamPayload<T>(frame: string, event: string): T | undefined {
  try {
    const message = JSON.parse(frame) as { event?: string; payload?: unknown }
    if (message.event !== event || typeof message.payload !== 'string') return undefined
    // The payload is snake_case JSON, as REST answers before masto turns it into camelCase.
    return serializer.deserialize<T>('json', message.payload)
  } catch {
    return undefined
  }
}

function refusal(reason: string) {
  return new NetworkError({ kind: 'rejected', reason })
}
