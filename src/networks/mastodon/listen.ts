import type { mastodon } from 'masto'
import type { ListenEvent } from '../listen/source.ts'
import type { Page } from '../types.ts'
import { type MastodonClient, nextCursor, pageLimit, pageParams } from './client.ts'
import {
  type InboxStream,
  openStreamingSocket,
  readStreamPayload,
  type StreamOptions,
} from './stream.ts'
import { htmlToText } from './text.ts'

/** What listening reads from an instance: its local timeline, and public posts with these tags. */
export type ListenSubscription = { local: boolean; tags: readonly string[] }

/** One timeline a catch-up pages through. */
export type ListenTimeline = { kind: 'local' } | { kind: 'tag'; tag: string }

export type ListenStreamHandlers = {
  onPost: (event: ListenEvent) => void
  onClose: (reason: string) => void
}

/**
 * The instance's public streams on one multiplexed connection (docs.joinmastodon.org/methods/
 * streaming): `public:local` and one `hashtag` subscription per tag, each sent as a
 * `{"type":"subscribe"}` message once open. Every stream needs a user token since 4.2. There
 * is no replay: the caller catches up over REST (`readListenTimeline`) after each (re)connect.
 */
export async function openListenStream(
  client: MastodonClient,
  options: StreamOptions,
  subscription: ListenSubscription,
  handlers: ListenStreamHandlers,
): Promise<InboxStream> {
  const socket = await openStreamingSocket(
    client,
    options,
    {},
    {
      onFrame: (frame) => {
        const status = readStreamPayload<mastodon.v1.Status>(frame, 'update')
        const event = status && toListenEvent(status, Date.now())
        if (event) handlers.onPost(event)
      },
      onClose: handlers.onClose,
    },
  )
  if (subscription.local) socket.send({ type: 'subscribe', stream: 'public:local' })
  for (const tag of subscription.tags) {
    socket.send({ type: 'subscribe', stream: 'hashtag', tag })
  }
  return socket
}

/**
 * One page of a public timeline, newest first, and the cursor to the older page after it (the
 * query of its `rel="next"` link). Local: `GET /api/v1/timelines/public?local=true`; a tag:
 * `GET /api/v1/timelines/tag/:hashtag`. Reblogs and statuses without text are left out.
 */
export async function readListenTimeline(
  client: MastodonClient,
  timeline: ListenTimeline,
  cursor?: string,
  limit?: number,
): Promise<Page<ListenEvent>> {
  const page = await client.run('read', async (rest) =>
    timeline.kind === 'local'
      ? rest.v1.timelines.public.list.$raw(
          pageParams(cursor, { local: true, limit: pageLimit(limit, 40) }, limit),
        )
      : rest.v1.timelines.tag
          .$select(timeline.tag)
          .list.$raw(pageParams(cursor, { limit: pageLimit(limit, 40) }, limit)),
  )
  const now = Date.now()
  const items = page.data.flatMap((status) => toListenEvent(status, now) ?? [])
  return { items, cursor: page.data.length > 0 ? nextCursor(page.headers) : undefined }
}

/**
 * A public status as listening matches and stores it; null for a reblog or one without text.
 * Its record key is the status's ActivityPub URI, the same on every instance, so a post seen
 * through two instances (or a tag and the local timeline) is stored once. Its minute is its
 * own time, never later than when it was read: a catch-up must not pile old posts into now.
 */
export function toListenEvent(status: mastodon.v1.Status, nowMs: number): ListenEvent | null {
  // A malformed status from a remote server is passed over, never thrown: one must not stop a stream.
  if (!status?.uri || !status.account?.url) return null
  if (status.reblog || status.visibility !== 'public') return null
  const { text } = htmlToText(status.content ?? '')
  // PostgreSQL text cannot hold NUL (the content's converter drops controls; the warning keeps them).
  const full = (status.spoilerText ? `${status.spoilerText}\n\n${text}` : text).replaceAll(
    '\u0000',
    '',
  )
  if (!full.trim()) return null
  const created = Date.parse(status.createdAt)
  const at = Number.isFinite(created) ? Math.min(created, nowMs) : nowMs
  const account = status.account
  const host = hostOf(account.url)
  return {
    did: account.url,
    rkey: status.uri,
    uri: status.url ?? status.uri,
    url: status.url ?? status.uri,
    timeUs: at * 1_000,
    createdAt: status.createdAt,
    network: 'mastodon',
    post: {
      text: full,
      lang: status.language ? [status.language] : [],
      author: [...new Set([account.acct, ...(host ? [`${account.username}@${host}`] : [])])],
      hashtags: (status.tags ?? []).flatMap((tag) => tag?.name ?? []),
      mentions: (status.mentions ?? []).flatMap((mention) => mention?.acct ?? []),
    },
  }
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).host
  } catch {
    return undefined
  }
}
