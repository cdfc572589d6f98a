import type { mastodon } from 'masto'
import type { InboxEvent, InboxEventKind, Page } from '../types.ts'
import { type MastodonClient, nextCursor, pageLimit, pageParams } from './client.ts'
import { localDomainOf, profileContext } from './identity.ts'
import { htmlToText } from './text.ts'

/** The notification types that are someone acting toward the account. */
export const INBOX_TYPES = ['mention', 'favourite', 'reblog', 'follow', 'quote'] as const

/** Newest first; the cursor is the query of the instance's `rel="next"` link. */
export async function readInbox(
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
  const localDomain = localDomainOf(handle)
  const items = page.data.flatMap((notification) => {
    const event = toInboxEvent(notification, accountId, localDomain)
    return event ? [event] : []
  })
  // Mastodon links a next page after every non-empty page; an empty one is the end.
  return { items, cursor: page.data.length > 0 ? nextCursor(page.headers) : undefined }
}

export function toInboxEvent(
  notification: mastodon.v1.Notification,
  me: string,
  localDomain: string,
): InboxEvent | undefined {
  const base = {
    id: notification.id,
    author: profileContext(notification.account, localDomain),
    createdAt: notification.createdAt,
  }
  const status = notification.status ?? undefined
  switch (notification.type) {
    case 'follow':
      return { ...base, kind: 'follow' }
    case 'favourite':
    case 'reblog':
      if (!status) return undefined
      return {
        ...base,
        kind: notification.type === 'favourite' ? 'like' : 'repost',
        subjectUri: status.id,
      }
    case 'mention':
    case 'quote': {
      if (!status) return undefined
      return { ...base, ...fromStatus(status), kind: kindOf(notification.type, status, me) }
    }
    default:
      return undefined
  }
}

function kindOf(type: 'mention' | 'quote', status: mastodon.v1.Status, me: string): InboxEventKind {
  if (type === 'quote') return 'quote'
  if (status.visibility === 'direct') return 'dm'
  return status.inReplyToAccountId === me ? 'reply' : 'mention'
}

function fromStatus(status: mastodon.v1.Status) {
  const { text } = htmlToText(status.content)
  const quote = status.quote as
    | { quotedStatus?: { id: string } | null; quotedStatusId?: string | null }
    | null
    | undefined
  const quoted = quote?.quotedStatus?.id ?? quote?.quotedStatusId ?? undefined
  return {
    text: status.spoilerText ? `CW: ${status.spoilerText}\n\n${text}` : text,
    uri: status.id,
    url: status.url ?? status.uri,
    subjectUri: quoted ?? status.inReplyToId ?? undefined,
  }
}
