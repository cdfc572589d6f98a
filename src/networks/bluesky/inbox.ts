import type { AppBskyNotificationListNotifications } from '@atproto/api'
import type { InboxEvent, InboxEventKind, Page } from '../types.ts'
import type { BlueskyClient } from './client.ts'
import { profileContext, profileUrl } from './profiles.ts'
import { postUrl } from './publish.ts'
import { asPostRecord } from './records.ts'

const KINDS = {
  mention: 'mention',
  reply: 'reply',
  quote: 'quote',
  follow: 'follow',
  like: 'like',
  repost: 'repost',
} as const satisfies Record<string, InboxEventKind>

type Notification = AppBskyNotificationListNotifications.Notification

export const DEFAULT_PAGE_SIZE = 50

/**
 * One page of notifications, newest first; `cursor` continues toward older ones and is
 * absent after the last page. The id is the notification's record URI, stable across reads,
 * so a poll for new events reads from the start until it meets an id it has seen.
 */
export async function readInbox(
  client: BlueskyClient,
  cursor: string | undefined,
  limit = DEFAULT_PAGE_SIZE,
): Promise<Page<InboxEvent>> {
  const { data } = await client.run('read', (agent) =>
    agent.app.bsky.notification.listNotifications({
      limit,
      reasons: Object.keys(KINDS),
      ...(cursor ? { cursor } : {}),
    }),
  )
  const items = data.notifications.flatMap((notification) => {
    const event = toEvent(notification)
    return event ? [event] : []
  })
  const next = data.notifications.length > 0 ? data.cursor : undefined
  return next ? { items, cursor: next } : { items }
}

function toEvent(notification: Notification): InboxEvent | undefined {
  const kind = KINDS[notification.reason as keyof typeof KINDS]
  if (!kind) return undefined
  const post = asPostRecord(notification.record)
  const subject = notification.reasonSubject ?? post?.reply?.parent.uri
  return {
    id: notification.uri,
    kind,
    author: profileContext(notification.author),
    createdAt: notification.indexedAt,
    uri: notification.uri,
    url:
      kind === 'follow' || !post
        ? profileUrl(notification.author.handle)
        : postUrl(notification.uri),
    ...(post ? { text: post.text } : {}),
    ...(subject && kind !== 'follow' ? { subjectUri: subject } : {}),
    ...(post?.reply ? { rootUri: post.reply.root.uri } : {}),
  }
}
