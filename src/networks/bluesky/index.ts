import { DEFAULT_TIMEOUT_MS, transportFetch } from '../transport.ts'
import type { AccountSession, NetworkAdapter } from '../types.ts'
import { type ConnectInput, connect, DEFAULT_PLC_URL } from './auth.ts'
import { openClient, RateLimitBook } from './client.ts'
import type { BlueskyCredentials } from './credentials.ts'
import { readEngagement } from './engagement.ts'
import { verifyAccount } from './identity.ts'
import { readInbox } from './inbox.ts'
import { blueskyNetwork } from './network.ts'
import { follow, listFollowers, listFollows, readProfiles, unfollow } from './people.ts'
import { assertPublishable } from './preflight.ts'
import { deletePost, findByRecordKey, publishPost } from './publish.ts'
import { recordKeyFor } from './record-key.ts'

export type { BlueskyCredentials } from './credentials.ts'
export { recordKeyFor } from './record-key.ts'

export type BlueskyAdapterOptions = {
  /** For every request; pass the SSRF-guarded fetch for user-supplied PDS addresses. */
  fetch?: typeof fetch
  /** Where did:plc documents are resolved when an account is connected. */
  plcUrl?: string
  /** Per request; a write that times out is `unknown_outcome`. */
  timeoutMs?: number
  now?: () => number
}

export type BlueskyAdapter = NetworkAdapter<BlueskyCredentials> & {
  /** Handle or DID + app password on any PDS → credentials to store. */
  connect: (input: ConnectInput) => Promise<BlueskyCredentials>
}

export function createBlueskyAdapter(options: BlueskyAdapterOptions = {}): BlueskyAdapter {
  const fetchImpl = transportFetch(
    options.fetch ?? globalThis.fetch,
    options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
  )
  const rateLimits = new RateLimitBook(options.now)
  const client = (session: AccountSession<BlueskyCredentials>) =>
    openClient(session, { fetch: fetchImpl, rateLimits })
  return {
    ...blueskyNetwork,
    connect: (input) =>
      connect(input, { fetch: fetchImpl, plcUrl: options.plcUrl ?? DEFAULT_PLC_URL }),
    verify: (session) => verifyAccount(client(session)),
    publish: async (session, request) => {
      assertPublishable(request)
      return publishPost(client(session), request)
    },
    findPublished: (session, key) => findByRecordKey(client(session), recordKeyFor(key)),
    deletePost: (session, uri) => deletePost(client(session), uri),
    readInbox: (session, cursor, limit) => readInbox(client(session), cursor, limit),
    listFollowers: (session, cursor, limit, detail) =>
      listFollowers(client(session), cursor, limit, detail),
    listFollows: (session, cursor, limit, detail) =>
      listFollows(client(session), cursor, limit, detail),
    readProfiles: (session, ids) => readProfiles(client(session), ids),
    readEngagement: (session, uris) => readEngagement(client(session), uris),
    follow: (session, profileId) => follow(client(session), profileId),
    unfollow: (session, profileId) => unfollow(client(session), profileId),
  } satisfies BlueskyAdapter
}

/** The adapter with the platform fetch; the server builds its own with the SSRF guard. */
export const blueskyAdapter = createBlueskyAdapter() satisfies NetworkAdapter<BlueskyCredentials>
