import { escapeHtml } from './html.ts'
import type { Account, FakeState, Media, Notification, Status } from './state.ts'

/** Entities as Mastodon serializes them (snake_case JSON, see docs.joinmastodon.org/entities). */

export function accountJson(state: FakeState, account: Account) {
  const counts = state.counts(account.id)
  const avatar = `${state.base}/avatars/original/missing.png`
  return {
    id: account.id,
    username: account.username,
    acct: account.username,
    display_name: account.displayName,
    locked: false,
    bot: false,
    discoverable: true,
    group: false,
    // Mastodon rounds an account's creation time to midnight and last_status_at to a date.
    created_at: `${account.createdAt.toISOString().slice(0, 10)}T00:00:00.000Z`,
    note: account.note ? `<p>${escapeHtml(account.note)}</p>` : '',
    url: state.profileUrl(account),
    uri: `${state.base}/users/${account.username}`,
    avatar,
    avatar_static: avatar,
    header: `${state.base}/headers/original/missing.png`,
    header_static: `${state.base}/headers/original/missing.png`,
    followers_count: counts.followers,
    following_count: counts.following,
    statuses_count: counts.statuses,
    last_status_at: counts.lastStatusAt ? counts.lastStatusAt.toISOString().slice(0, 10) : null,
    emojis: [],
    fields: [],
  }
}

export function credentialAccountJson(state: FakeState, account: Account) {
  return {
    ...accountJson(state, account),
    source: {
      privacy: 'public',
      sensitive: false,
      language: 'en',
      note: account.note,
      fields: [],
      follow_requests_count: 0,
    },
  }
}

export function mediaJson(state: FakeState, media: Media) {
  const processed = media.pollsLeft <= 0
  const file = `${state.base}/system/media_attachments/files/${media.id}`
  return {
    id: media.id,
    type: media.mimeType.startsWith('video/') ? 'video' : 'image',
    url: processed ? `${file}/original.png` : null,
    preview_url: `${file}/small.png`,
    remote_url: null,
    text_url: null,
    meta: { original: { width: 1, height: 1, size: '1x1', aspect: 1 } },
    description: media.description,
    blurhash: 'U00000fQfQfQfQfQfQfQfQfQfQfQ',
  }
}

export function statusJson(state: FakeState, status: Status, withSource = false): object {
  const account = state.accounts.get(status.accountId)
  if (!account) throw new Error(`status ${status.id} has no account`)
  const original = status.reblogOfId ? state.statuses.get(status.reblogOfId) : undefined
  const counts = state.engagement(status.id)
  const quoted = status.quotedStatusId ? state.statuses.get(status.quotedStatusId) : undefined
  return {
    id: status.id,
    created_at: status.createdAt.toISOString(),
    in_reply_to_id: status.inReplyToId,
    in_reply_to_account_id: status.inReplyToAccountId,
    sensitive: status.spoilerText !== '',
    spoiler_text: status.spoilerText,
    visibility: status.visibility,
    language: status.language,
    uri: `${state.base}/users/${account.username}/statuses/${status.id}`,
    url: `${state.profileUrl(account)}/${status.id}`,
    replies_count: counts.replies,
    reblogs_count: counts.reblogs,
    favourites_count: counts.favourites,
    quotes_count: counts.quotes,
    edited_at: null,
    favourited: false,
    reblogged: false,
    muted: false,
    bookmarked: false,
    pinned: false,
    content: original ? '' : status.content,
    ...(withSource ? { text: status.text } : {}),
    reblog: original ? statusJson(state, original) : null,
    application: status.applicationName ? { name: status.applicationName, website: null } : null,
    account: accountJson(state, account),
    media_attachments: status.mediaIds.flatMap((id) => {
      const media = state.media.get(id)
      return media ? [mediaJson(state, media)] : []
    }),
    mentions: status.mentionIds.flatMap((id) => {
      const mentioned = state.accounts.get(id)
      return mentioned
        ? [
            {
              id: mentioned.id,
              username: mentioned.username,
              url: state.profileUrl(mentioned),
              acct: mentioned.username,
            },
          ]
        : []
    }),
    tags: tagsOf(status.text).map((name) => ({ name, url: `${state.base}/tags/${name}` })),
    emojis: [],
    card: null,
    poll: null,
    quote: quoted
      ? quoted.deleted
        ? { state: 'deleted', quoted_status: null }
        : { state: 'accepted', quoted_status: statusJson(state, quoted) }
      : null,
  }
}

export function notificationJson(state: FakeState, notification: Notification) {
  const from = state.accounts.get(notification.fromId)
  if (!from) throw new Error(`notification ${notification.id} has no account`)
  const status = notification.statusId ? state.statuses.get(notification.statusId) : undefined
  return {
    id: notification.id,
    type: notification.type,
    group_key: `ungrouped-${notification.id}`,
    created_at: notification.createdAt.toISOString(),
    account: accountJson(state, from),
    status: status ? statusJson(state, status) : null,
  }
}

export function relationshipJson(state: FakeState, viewerId: string, targetId: string) {
  return {
    id: targetId,
    following: state.isFollowing(viewerId, targetId),
    showing_reblogs: state.isFollowing(viewerId, targetId),
    notifying: false,
    languages: null,
    followed_by: state.isFollowing(targetId, viewerId),
    blocking: false,
    blocked_by: false,
    muting: false,
    muting_notifications: false,
    requested: false,
    requested_by: false,
    domain_blocking: false,
    endorsed: false,
    note: '',
  }
}

/** The hashtags of a status's text, lowercased and once each, as Mastodon links them. */
export function tagsOf(text: string): string[] {
  const found = text.matchAll(/(?<![\p{L}\p{N}_/])#([\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu)
  return [...new Set([...found].map((match) => (match[1] ?? '').toLowerCase()))]
}
