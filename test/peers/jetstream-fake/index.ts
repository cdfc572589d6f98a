import type { AddressInfo } from 'node:net'
import { type WebSocket, WebSocketServer } from 'ws'

/**
 * A CONTRACT FAKE of Jetstream (bluesky-social/jetstream cannot run here): a `ws` server on
 * `/subscribe` serving its documented wire format — one JSON event per message, `time_us` in
 * microseconds; `wantedCollections` filters commits (identity and account events always go
 * out); `cursor` replays the retained events with `time_us` ≥ it, then goes live. It can drop
 * every connection on demand, refuse new ones, and send malformed lines.
 */
export type JetstreamFake = {
  url: string
  /** Appends events to the log and sends each to every subscriber that wants it. */
  emit: (...events: JetstreamEventJson[]) => void
  /** A raw message, as a broken source might send it. */
  emitRaw: (line: string) => void
  /** Drops every connection (as a restart or a network blip would). */
  disconnectAll: () => void
  /** While true, new connections are closed right after they open. */
  refuse: (refusing: boolean) => void
  /** The query strings subscribers connected with, oldest first. */
  readonly connections: URLSearchParams[]
  readonly openConnections: () => number
  close: () => Promise<void>
}

export type JetstreamEventJson = {
  did: string
  time_us: number
  kind: 'commit' | 'identity' | 'account'
  commit?: {
    rev: string
    operation: 'create' | 'update' | 'delete'
    collection: string
    rkey: string
    record?: Record<string, unknown>
    cid?: string
  }
  identity?: Record<string, unknown>
  account?: Record<string, unknown>
}

export async function startJetstreamFake(): Promise<JetstreamFake> {
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1', path: '/subscribe' })
  await new Promise<void>((resolve) => server.once('listening', () => resolve()))
  const log: JetstreamEventJson[] = []
  const subscribers = new Map<WebSocket, Set<string> | null>()
  const connections: URLSearchParams[] = []
  let refusing = false

  const wants = (wanted: Set<string> | null, event: JetstreamEventJson) =>
    event.kind !== 'commit' || !wanted || wanted.has(event.commit?.collection ?? '')

  server.on('connection', (socket, request) => {
    const params = new URL(request.url ?? '/', 'ws://fake').searchParams
    connections.push(params)
    if (refusing) {
      socket.close(1011, 'unavailable')
      return
    }
    const collections = params.getAll('wantedCollections')
    const wanted = collections.length ? new Set(collections) : null
    const cursor = params.get('cursor')
    if (cursor !== null) {
      for (const event of log) {
        if (event.time_us >= Number(cursor) && wants(wanted, event)) {
          socket.send(JSON.stringify(event))
        }
      }
    }
    subscribers.set(socket, wanted)
    socket.on('close', () => subscribers.delete(socket))
  })

  return {
    url: `ws://127.0.0.1:${(server.address() as AddressInfo).port}/subscribe`,
    emit: (...events) => {
      log.push(...events)
      for (const [socket, wanted] of subscribers) {
        for (const event of events) if (wants(wanted, event)) socket.send(JSON.stringify(event))
      }
    },
    emitRaw: (line) => {
      for (const socket of subscribers.keys()) socket.send(line)
    },
    disconnectAll: () => {
      for (const socket of subscribers.keys()) socket.terminate()
      subscribers.clear()
    },
    refuse: (value) => {
      refusing = value
    },
    connections,
    openConnections: () => subscribers.size,
    close: async () => {
      for (const socket of subscribers.keys()) socket.terminate()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}

let sequence = 0

/** A post as Jetstream sends it (recorded shape: `{did, time_us, kind, commit: {rev, operation, collection, rkey, record, cid}}`). */
export function postEvent(input: {
  text: string
  did?: string
  rkey?: string
  langs?: string[]
  tags?: string[]
  timeUs?: number
}): JetstreamEventJson {
  sequence++
  const rkey = input.rkey ?? `3l${sequence.toString(36).padStart(11, '0')}`
  const facets = (input.tags ?? []).map((tag) => ({
    index: { byteStart: 0, byteEnd: 0 },
    features: [{ $type: 'app.bsky.richtext.facet#tag', tag }],
  }))
  return {
    did: input.did ?? `did:plc:fake${(sequence % 997).toString().padStart(20, '0')}`,
    time_us: input.timeUs ?? Date.now() * 1_000 + (sequence % 1_000),
    kind: 'commit',
    commit: {
      rev: `3l${sequence.toString(36)}rev`,
      operation: 'create',
      collection: 'app.bsky.feed.post',
      rkey,
      record: {
        $type: 'app.bsky.feed.post',
        text: input.text,
        langs: input.langs ?? ['en'],
        createdAt: new Date().toISOString(),
        ...(facets.length ? { facets } : {}),
      },
      cid: `bafyreifake${sequence}`,
    },
  }
}

/** Events a post stream also carries: a like (filtered by wantedCollections), an identity event, a delete. */
export function otherEvents(timeUs = Date.now() * 1_000): JetstreamEventJson[] {
  const did = 'did:plc:eygmaihciaxprqvxpfvl6flk'
  return [
    {
      did,
      time_us: timeUs,
      kind: 'commit',
      commit: {
        rev: '3l3qo2vutsw2b',
        operation: 'create',
        collection: 'app.bsky.feed.like',
        rkey: '3l3qo2vuowo2b',
        record: {
          $type: 'app.bsky.feed.like',
          createdAt: '2024-09-09T19:46:02.102Z',
          subject: {
            cid: 'bafyreidc6sydkkbchcyg62v77wbhzvb2mvytlmsychqgwf2xojjtirmzj4',
            uri: 'at://did:plc:wa7b35aakoll7hugkrjtf3xf/app.bsky.feed.post/3l3pte3p2e325',
          },
        },
        cid: 'bafyreidwaivazkwu67xztlmuobx35hs2lnfh3kolmgfmucldvhd3sgzcqi',
      },
    },
    {
      did,
      time_us: timeUs + 1,
      kind: 'identity',
      identity: {
        did,
        handle: 'alice.bsky.social',
        seq: 1409752997,
        time: '2024-09-05T06:11:04.870Z',
      },
    },
    {
      did,
      time_us: timeUs + 2,
      kind: 'commit',
      commit: {
        rev: '3l3qo2vutsw2c',
        operation: 'delete',
        collection: 'app.bsky.feed.post',
        rkey: '3l3qo2vuowo2c',
      },
    },
  ]
}
