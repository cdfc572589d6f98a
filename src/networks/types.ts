/**
 * The one interface every network sits behind. Generic code never branches on a network's
 * name: what differs is data (`NetworkCapabilities`) or lives inside the adapter's folder.
 */

import type { NetworkCapabilities } from '../core/compose/network-capabilities.ts'
import type { NetworkFailure } from '../core/delivery/network-failure.ts'

export type { TextRule } from '../core/compose/network-capabilities.ts'
// The core decides on these two; they are defined there and named here for adapters.
export type { NetworkCapabilities, NetworkFailure }

export class NetworkError extends Error {
  constructor(readonly failure: NetworkFailure) {
    super(failure.kind === 'rejected' ? failure.reason : failure.message)
    this.name = 'NetworkError'
  }
}

export type ImageAttachment = { bytes: Uint8Array; mimeType: string; altText: string }

export type LinkCard = {
  url: string
  title?: string
  description?: string
  thumbnail?: ImageAttachment
}

export type PublishRequest = {
  /**
   * Fixed by the caller before the first attempt and reused on every retry. The adapter
   * derives the network's own idempotency from it (Bluesky record key, Mastodon
   * Idempotency-Key), so publishing twice with one key yields one post.
   */
  idempotencyKey: string
  text: string
  images?: ImageAttachment[]
  link?: LinkCard
  replyTo?: { uri: string; rootUri?: string }
  language?: string
  contentWarning?: string
  visibility?: 'public' | 'unlisted' | 'followers' | 'direct'
}

export type PublishedPost = { uri: string; url: string; cid?: string }

export type ProfileContext = {
  id: string
  handle: string
  displayName: string
  bio: string
  avatarUrl?: string
  createdAt?: string
  postsCount?: number
  followersCount?: number
  followingCount?: number
  lastPostAt?: string
  /** The profile's page on the network, for a person to open. */
  url?: string
  /** In a followers list: when they followed the account, where the network says. */
  followedAt?: string
}

/**
 * How much a people list carries: `'listed'` is what the list itself gives, one request a
 * page (for syncing large lists); `'full'` adds counts and the last post time, however many
 * requests the network needs for them.
 */
export type PeopleDetail = 'listed' | 'full'

export type InboxEventKind = 'mention' | 'reply' | 'quote' | 'follow' | 'like' | 'repost' | 'dm'

/** One thing someone did toward the account, normalised; `id` is stable across reads. */
export type InboxEvent = {
  id: string
  kind: InboxEventKind
  author: ProfileContext
  createdAt: string
  /** Plain text: HTML from networks is sanitised to text and links before it gets here. */
  text?: string
  uri?: string
  url?: string
  /** The account's post this event is about (liked, replied to, quoted). */
  subjectUri?: string
  /** The thread's first post, when the network says which: the conversation it belongs to. */
  rootUri?: string
}

export type Page<T> = { items: T[]; cursor?: string }

export type Engagement = {
  uri: string
  replies: number
  reposts: number
  quotes: number
  likes: number
}

export type AccountIdentity = { id: string; handle: string; displayName: string; url: string }

/**
 * A connected account as an adapter sees it: decrypted credentials, and a callback to store
 * refreshed ones (token refresh happens inside the adapter; persisting is the caller's job).
 */
export type AccountSession<Credentials> = {
  credentials: Credentials
  saveCredentials: (credentials: Credentials) => Promise<void>
}

export type NetworkAdapter<Credentials> = {
  id: string
  displayName: string
  capabilities: NetworkCapabilities
  /** The limits of this account (a Mastodon instance sets its own); `capabilities` otherwise. */
  capabilitiesFor: (credentials: Credentials) => NetworkCapabilities
  verify: (session: AccountSession<Credentials>) => Promise<AccountIdentity>
  /** Idempotent by `request.idempotencyKey` (see PublishRequest). */
  publish: (session: AccountSession<Credentials>, request: PublishRequest) => Promise<PublishedPost>
  /**
   * The post published with this key, if the network has it: reconciles `unknown_outcome`.
   * `request` is what was sent with the key, for a network that cannot always look a post up
   * by key alone. "Could not tell" is never `rejected`: a post that may be out is not refused.
   */
  findPublished: (
    session: AccountSession<Credentials>,
    idempotencyKey: string,
    request?: PublishRequest,
  ) => Promise<PublishedPost | null>
  deletePost: (session: AccountSession<Credentials>, uri: string) => Promise<void>
  /**
   * One page of the inbox, newest first; `cursor` continues toward older events and is absent
   * after the last page. Ids are stable, so a poll for new events reads from the start until
   * it meets an id it has seen. `limit` is a page size the network may lower.
   */
  readInbox: (
    session: AccountSession<Credentials>,
    cursor?: string,
    limit?: number,
  ) => Promise<Page<InboxEvent>>
  /** Newest first; `detail` defaults to `'full'`. */
  listFollowers: (
    session: AccountSession<Credentials>,
    cursor?: string,
    limit?: number,
    detail?: PeopleDetail,
  ) => Promise<Page<ProfileContext>>
  listFollows: (
    session: AccountSession<Credentials>,
    cursor?: string,
    limit?: number,
    detail?: PeopleDetail,
  ) => Promise<Page<ProfileContext>>
  /**
   * Profiles by id with counts and last post time. A profile the network no longer shows
   * (deleted, suspended, taken down) is absent from the answer, not an error.
   */
  readProfiles: (session: AccountSession<Credentials>, ids: string[]) => Promise<ProfileContext[]>
  readEngagement: (session: AccountSession<Credentials>, uris: string[]) => Promise<Engagement[]>
  /** One person, asked for by one person: Sous never follows or unfollows on its own. */
  follow: (session: AccountSession<Credentials>, profileId: string) => Promise<void>
  unfollow: (session: AccountSession<Credentials>, profileId: string) => Promise<void>
}
