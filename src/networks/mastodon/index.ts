import { createSafeFetch } from '../../security/create-safe-fetch.ts'
import type { ListenEvent } from '../listen/source.ts'
import { DEFAULT_TIMEOUT_MS } from '../transport.ts'
import type { AccountSession, InboxEvent, NetworkAdapter, Page } from '../types.ts'
import {
  type ConnectedAccount,
  checkRegistration,
  exchangeCode,
  type MastodonAppRegistration,
  type MastodonAuthorization,
  registerApp,
} from './auth.ts'
import { openClient } from './client.ts'
import type { MastodonCredentials } from './credentials.ts'
import { readEngagement } from './engagement.ts'
import { verifyAccount } from './identity.ts'
import { readInbox } from './inbox.ts'
import {
  type ListenStreamHandlers,
  type ListenSubscription,
  type ListenTimeline,
  openListenStream,
  readListenTimeline,
} from './listen.ts'
import { DEFAULT_MEDIA_POLLING, type MediaPolling } from './media.ts'
import { mastodonNetwork } from './network.ts'
import { follow, listFollowers, listFollows, readProfiles, unfollow } from './people.ts'
import { assertPublishable } from './preflight.ts'
import { deletePost, publishPost } from './publish.ts'
import { findPublished } from './reconcile.ts'
import {
  type InboxStream,
  type InboxStreamHandlers,
  openInboxStream,
  readInboxNewer,
} from './stream.ts'

export type { MastodonAppRegistration, MastodonAuthorization } from './auth.ts'
export { normalizeInstance } from './authorize.ts'
export {
  type InstanceInfo,
  MASTODON_DEFAULT_LIMITS,
  type MastodonLimits,
  mastodonCapabilities,
} from './capabilities.ts'
export type { MastodonCredentials } from './credentials.ts'
export type { ListenStreamHandlers, ListenSubscription, ListenTimeline } from './listen.ts'
export { idempotencyKeyFor } from './publish.ts'
export type { InboxStream, InboxStreamHandlers } from './stream.ts'

export type MastodonAdapterOptions = {
  /** For every request; the default refuses private addresses (SSRF guard). */
  fetch?: typeof fetch
  /** Per request; a write that times out is `unknown_outcome`. */
  timeoutMs?: number
  mediaPolling?: Partial<MediaPolling>
  /** The clock that bounds the reconciling lookup to the Idempotency-Key's window. */
  now?: () => number
  /** Streams dial loopback test peers only when set (`SOUS_ALLOW_PRIVATE_NETWORK=1`). */
  allowPrivateNetwork?: boolean
  /** A silent stream is taken for dead after this long (default 90 s). */
  streamSilenceMs?: number
}

export type MastodonAdapter = NetworkAdapter<MastodonCredentials> & {
  /** Registers Sous on an instance (once per instance; the caller stores the registration). */
  registerApp: (
    instance: string,
    app: { clientName: string; redirectUri: string; website?: string },
  ) => Promise<MastodonAppRegistration>
  checkRegistration: (registration: MastodonAppRegistration) => Promise<boolean>
  authorizationUrl: (
    registration: MastodonAppRegistration,
    options?: { forceLogin?: boolean },
  ) => MastodonAuthorization
  exchangeCode: (
    registration: MastodonAppRegistration,
    input: { code: string; codeVerifier: string },
  ) => Promise<ConnectedAccount>
  /** The account's notifications as they happen (streaming API); no replay, so catch up first. */
  openInboxStream: (
    session: AccountSession<MastodonCredentials>,
    handlers: InboxStreamHandlers,
  ) => Promise<InboxStream>
  /** One page of notifications newer than the cursor (`rel="prev"`), and where to read on. */
  readInboxNewer: (
    session: AccountSession<MastodonCredentials>,
    cursor?: string,
    limit?: number,
  ) => Promise<Page<InboxEvent>>
  /** The instance's local timeline and tag streams as they happen (listening); no replay either. */
  openListenStream: (
    session: AccountSession<MastodonCredentials>,
    subscription: ListenSubscription,
    handlers: ListenStreamHandlers,
  ) => Promise<InboxStream>
  /** One page of a public timeline, newest first, and the cursor to the older page. */
  readListenTimeline: (
    session: AccountSession<MastodonCredentials>,
    timeline: ListenTimeline,
    cursor?: string,
    limit?: number,
  ) => Promise<Page<ListenEvent>>
}

export function createMastodonAdapter(options: MastodonAdapterOptions = {}): MastodonAdapter {
  const transport = {
    fetch: options.fetch ?? createSafeFetch({ allowPrivateNetwork: false }),
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  }
  const polling = { ...DEFAULT_MEDIA_POLLING, ...options.mediaPolling }
  const client = (session: AccountSession<MastodonCredentials>) => openClient(session, transport)
  return {
    ...mastodonNetwork,
    registerApp: (instance, app) => registerApp(instance, app, transport),
    checkRegistration: (registration) => checkRegistration(registration, transport),
    exchangeCode: (registration, input) => exchangeCode(registration, input, transport),
    verify: (session) => verifyAccount(client(session)),
    publish: async (session, request) => {
      assertPublishable(request, session.credentials.limits)
      return publishPost(client(session), request, polling)
    },
    findPublished: (session, key, request) =>
      findPublished(client(session), key, request, options.now ?? Date.now),
    deletePost: (session, uri) => deletePost(client(session), uri),
    readInbox: (session, cursor, limit) => readInbox(client(session), cursor, limit),
    readInboxNewer: (session, cursor, limit) => readInboxNewer(client(session), cursor, limit),
    openInboxStream: (session, handlers) =>
      openInboxStream(
        client(session),
        {
          allowPrivateNetwork: options.allowPrivateNetwork ?? false,
          silenceMs: options.streamSilenceMs,
        },
        handlers,
      ),
    openListenStream: (session, subscription, handlers) =>
      openListenStream(
        client(session),
        {
          allowPrivateNetwork: options.allowPrivateNetwork ?? false,
          silenceMs: options.streamSilenceMs,
        },
        subscription,
        handlers,
      ),
    readListenTimeline: (session, timeline, cursor, limit) =>
      readListenTimeline(client(session), timeline, cursor, limit),
    listFollowers: (session, cursor, limit) => listFollowers(client(session), cursor, limit),
    listFollows: (session, cursor, limit) => listFollows(client(session), cursor, limit),
    readProfiles: (session, ids) => readProfiles(client(session), ids),
    readEngagement: (session, uris) => readEngagement(client(session), uris),
    follow: (session, profileId) => follow(client(session), profileId),
    unfollow: (session, profileId) => unfollow(client(session), profileId),
  } satisfies MastodonAdapter
}

/** The adapter with the SSRF-guarded fetch that refuses private addresses. */
export const mastodonAdapter = createMastodonAdapter() satisfies NetworkAdapter<MastodonCredentials>
