/**
 * Mastodon's streaming API as documented (docs.joinmastodon.org/methods/streaming): a
 * WebSocket at `/api/v1/streaming` on the instance's `configuration.urls.streaming`, the
 * stream named by `stream` (`user`, `user:notification`, `public`, `public:local`, `hashtag`
 * and `hashtag:local` with `tag`), or none and then multiplexed: the client sends
 * `{"type":"subscribe"|"unsubscribe","stream":…,"tag":…}` text frames. The token in
 * `Sec-WebSocket-Protocol`, the `access_token` query or `Authorization: Bearer` (401 at the
 * upgrade without a valid one). Each event is a text frame `{"stream":[…],"event":
 * "notification"|"update","payload":"<the Notification or Status as a JSON string>"}`; a
 * subscription it cannot serve is answered `{"error":…,"status":400}`. There is no replay: what
 * happens while a client is away is never sent to it — clients catch up over REST.
 *
 * Test controls (methods, never HTTP): `drop()` cuts every stream as a network failure would,
 * `refuse(true)` answers 503 to new connections until `refuse(false)`.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { notificationJson, statusJson, tagsOf } from './entities.ts'
import type { FakeState, Status } from './state.ts'

const STREAMS = new Set([
  'user',
  'user:notification',
  'public',
  'public:local',
  'hashtag',
  'hashtag:local',
])

/** A subscription: its stream name and, for hashtag streams, the tag (lowercase). */
type Subscription = { stream: string; tag?: string }

const keyOf = (s: Subscription) => `${s.stream}|${s.tag ?? ''}`

/** Checks a subscription as Mastodon's streaming server does; answers the error to send. */
function readSubscription(stream: unknown, tag: unknown): Subscription | string {
  if (typeof stream !== 'string' || !STREAMS.has(stream)) return 'Unknown stream type'
  if (!stream.startsWith('hashtag')) return { stream }
  if (typeof tag !== 'string' || tag === '') return 'No tag for stream provided'
  return { stream, tag: tag.toLowerCase() }
}

/** Whether a new status belongs on a subscription's timeline. */
function carries(subscription: Subscription, status: Status): boolean {
  if (subscription.stream.startsWith('user')) return false
  if (status.visibility !== 'public' || status.reblogOfId) return false
  if (!subscription.tag) return true
  return tagsOf(status.text).includes(subscription.tag)
}

export type StreamingControls = {
  /** Cuts every open stream without a closing handshake; answers how many were cut. */
  drop: () => number
  refuse: (refusing: boolean) => void
  /** Streams open now. */
  readonly open: number
  /** Connections accepted since the start. */
  readonly accepted: number
}

export function attachStreaming(server: Server, state: FakeState): StreamingControls {
  const sockets = new WebSocketServer({ noServer: true })
  const open = new Set<WebSocket>()
  let refusing = false
  let accepted = 0

  const reject = (socket: Duplex, status: number, reason: string, body: string) => {
    socket.end(
      `HTTP/1.1 ${status} ${reason}\r\nContent-Type: application/json\r\nConnection: close\r\n\r\n${body}`,
    )
  }

  server.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(request.url ?? '/', state.base)
    if (url.pathname !== '/api/v1/streaming') {
      return reject(socket, 404, 'Not Found', '{"error":"Not found"}')
    }
    if (refusing) return reject(socket, 503, 'Service Unavailable', '{"error":"Unavailable"}')
    const protocol = request.headers['sec-websocket-protocol']?.split(',')[0]?.trim()
    const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1]
    const token = protocol ?? url.searchParams.get('access_token') ?? bearer
    const grant = token ? state.tokens.get(token) : undefined
    const account = grant && !grant.revoked && grant.accountId
    if (!account) {
      return reject(socket, 401, 'Unauthorized', '{"error":"Error: Invalid access token"}')
    }
    const stream = url.searchParams.get('stream')
    const first =
      stream === null ? undefined : readSubscription(stream, url.searchParams.get('tag'))
    if (typeof first === 'string')
      return reject(socket, 400, 'Bad Request', JSON.stringify({ error: first }))
    sockets.handleUpgrade(request, socket, head, (ws) => {
      accepted++
      open.add(ws)
      const subscriptions = new Map<string, Subscription>()
      if (first) subscriptions.set(keyOf(first), first)
      const send = (subscription: Subscription, event: string, payload: object) => {
        if (ws.readyState !== ws.OPEN) return
        const names = subscription.tag
          ? [subscription.stream, subscription.tag]
          : [subscription.stream]
        ws.send(JSON.stringify({ stream: names, event, payload: JSON.stringify(payload) }))
      }
      ws.on('message', (data) => {
        let message: { type?: unknown; stream?: unknown; tag?: unknown }
        try {
          message = JSON.parse(data.toString())
        } catch {
          return ws.send(JSON.stringify({ error: 'Invalid JSON', status: 400 }))
        }
        const subscription = readSubscription(message.stream, message.tag)
        if (typeof subscription === 'string') {
          return ws.send(JSON.stringify({ error: subscription, status: 400 }))
        }
        if (message.type === 'subscribe') subscriptions.set(keyOf(subscription), subscription)
        else if (message.type === 'unsubscribe') subscriptions.delete(keyOf(subscription))
        else ws.send(JSON.stringify({ error: 'Unknown message type', status: 400 }))
      })
      const unsubscribeNotifications = state.onNotification((notification) => {
        if (notification.recipientId !== account) return
        for (const subscription of subscriptions.values()) {
          if (subscription.stream.startsWith('user')) {
            send(subscription, 'notification', notificationJson(state, notification))
          }
        }
      })
      const unsubscribeStatuses = state.onStatus((status) => {
        for (const subscription of subscriptions.values()) {
          if (carries(subscription, status)) send(subscription, 'update', statusJson(state, status))
        }
      })
      ws.on('close', () => {
        open.delete(ws)
        unsubscribeNotifications()
        unsubscribeStatuses()
      })
    })
  })

  return {
    drop: () => {
      const cut = open.size
      for (const ws of open) ws.terminate()
      open.clear()
      return cut
    },
    refuse: (value) => {
      refusing = value
    },
    get open() {
      return open.size
    },
    get accepted() {
      return accepted
    },
  }
}
