/**
 * Mastodon's streaming API as documented (docs.joinmastodon.org/methods/streaming): a
 * WebSocket at `/api/v1/streaming` on the instance's `configuration.urls.streaming`, the
 * stream named by `stream` (`user` or `user:notification` here), the token in
 * `Sec-WebSocket-Protocol`, the `access_token` query or `Authorization: Bearer` (401 at the
 * upgrade without a valid one). Each event is a text frame `{"stream":[…],"event":
 * "notification","payload":"<the Notification as a JSON string>"}`. There is no replay: what
 * happens while a client is away is never sent to it — clients catch up over REST.
 *
 * Test controls (methods, never HTTP): `drop()` cuts every stream as a network failure would,
 * `refuse(true)` answers 503 to new connections until `refuse(false)`.
 */
import type { IncomingMessage, Server } from 'node:http'
import type { Duplex } from 'node:stream'
import { type WebSocket, WebSocketServer } from 'ws'
import { notificationJson } from './entities.ts'
import type { FakeState } from './state.ts'

const STREAMS = new Set(['user', 'user:notification'])

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
    const stream = url.searchParams.get('stream') ?? ''
    if (!STREAMS.has(stream)) {
      return reject(socket, 400, 'Bad Request', '{"error":"Unknown stream type"}')
    }
    sockets.handleUpgrade(request, socket, head, (ws) => {
      accepted++
      open.add(ws)
      const unsubscribe = state.onNotification((notification) => {
        if (notification.recipientId !== account || ws.readyState !== ws.OPEN) return
        ws.send(
          JSON.stringify({
            stream: [stream],
            event: 'notification',
            payload: JSON.stringify(notificationJson(state, notification)),
          }),
        )
      })
      ws.on('close', () => {
        open.delete(ws)
        unsubscribe()
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
