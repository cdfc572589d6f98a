/**
 * A CONTRACT FAKE of the Mastodon client API — not Mastodon. No Mastodon-API server installs
 * on these machines (shared/notes/local-peers.md §2), so the adapter is tested against this
 * loopback server, written from the documented API at docs.joinmastodon.org: the endpoints
 * Sous uses, their status codes and error bodies (`{"error": …}`), `Idempotency-Key` replay
 * (same key → same status for an hour), `X-RateLimit-*` on every answer and 429 past the
 * limit, Link-header paging, async media (202, then 206 until processed), OAuth with PKCE
 * S256, and Mastodon-shaped HTML content. The live suite runs the same contract against a real
 * instance when MASTODON_URL and MASTODON_TOKEN are set.
 *
 * `strict: true` stands for the strictest server a client meets (a schema-validating
 * implementation of the same API): it refuses `null` and undocumented fields, validates a
 * status before it looks at the Idempotency-Key, pages with its own `page` parameter (never
 * `max_id`), answers 400 without an `error` field, refuses to follow someone already
 * followed (403), and advertises limits other than Mastodon's defaults (STRICT_LIMITS).
 *
 * Test-only controls are methods on the returned object, never HTTP routes.
 */
import type { Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { serve } from '@hono/node-server'
import { createFakeApp, type RateLimit } from './app.ts'
import {
  type Account,
  DEFAULT_LIMITS,
  FakeState,
  type InstanceLimits,
  STRICT_LIMITS,
  type Status,
} from './state.ts'
import { attachStreaming, type StreamingControls } from './streaming.ts'

export { DEFAULT_LIMITS, type InstanceLimits, STRICT_LIMITS } from './state.ts'

export type MastodonFakeOptions = {
  /** The strictest server the adapter must work with (see above); limits default to STRICT_LIMITS. */
  strict?: boolean
  limits?: Partial<InstanceLimits>
  /** How many GET /api/v1/media/:id polls answer 206 before an upload is processed. */
  mediaProcessingPolls?: number
  rateLimit?: RateLimit
  now?: () => number
}

export type FakeUser = Account & { token: string }

/** Another account acting on the fake directly, as a second person on the instance would. */
export type FakeActor = {
  account: Account
  post: (text: string) => Status
  mention: (target: Account, text: string) => Status
  /** Replies the way clients do: the parent's author is mentioned, so they are notified. */
  reply: (statusId: string, text: string) => Status
  quote: (statusId: string, text: string) => Status
  /** A direct message: visibility `direct`, addressed by mentioning the target. */
  directMessage: (target: Account, text: string, inReplyToId?: string) => Status
  favourite: (statusId: string) => void
  reblog: (statusId: string) => void
  follow: (target: Account) => void
  unfollow: (target: Account) => void
}

export type MastodonFake = {
  url: string
  state: FakeState
  /** Every request that reached the fake, in order. */
  readonly requests: Array<{ method: string; path: string }>
  /** A new account with an access token (scopes read write follow) issued to a fake app. */
  createUser: (username: string, options?: { displayName?: string; note?: string }) => FakeUser
  /** The browser user that `GET /oauth/authorize` approves for. */
  signIn: (account: Account) => void
  actor: (account: Account) => FakeActor
  revokeToken: (token: string) => void
  /** The streaming API's test controls (streaming.ts). */
  streaming: StreamingControls
  close: () => Promise<void>
}

export async function startMastodonFake(options: MastodonFakeOptions = {}): Promise<MastodonFake> {
  const requests: Array<{ method: string; path: string }> = []
  let signedIn: Account | undefined
  let state: FakeState | undefined
  const rateLimit = options.rateLimit ?? { limit: 300, periodMs: 5 * 60 * 1000 }
  const server = serve({
    fetch: (request) => {
      if (!state) return new Response('starting', { status: 503 })
      return app.fetch(request)
    },
    hostname: '127.0.0.1',
    port: 0,
  }) as Server
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const { port } = server.address() as AddressInfo
  const url = `http://127.0.0.1:${port}`
  state = new FakeState(
    url,
    { ...(options.strict ? STRICT_LIMITS : DEFAULT_LIMITS), ...options.limits },
    options.mediaProcessingPolls ?? 2,
    options.now,
  )
  const live = state
  const streaming = attachStreaming(server, live)
  const app = createFakeApp({
    state: live,
    rateLimit,
    signedIn: () => signedIn,
    record: (request) => requests.push(request),
    strict: options.strict ?? false,
  })
  const testApp = live.registerApp(
    'Sous tests',
    ['urn:ietf:wg:oauth:2.0:oob'],
    ['read', 'write', 'follow'],
    null,
  )

  const actor = (account: Account): FakeActor => {
    const post = (
      text: string,
      extra: { inReplyToId?: string; quotedStatusId?: string; visibility?: string } = {},
    ) => live.createStatus(account.id, { text, applicationName: 'Web', ...extra })
    const author = (statusId: string) => {
      const status = live.liveStatus(statusId)
      const owner = status && live.accounts.get(status.accountId)
      if (!owner) throw new Error(`no status ${statusId} on the fake`)
      return owner
    }
    return {
      account,
      post: (text) => post(text),
      mention: (target, text) => post(`@${target.username} ${text}`),
      reply: (statusId, text) =>
        post(`@${author(statusId).username} ${text}`, { inReplyToId: statusId }),
      quote: (statusId, text) => post(text, { quotedStatusId: statusId }),
      directMessage: (target, text, inReplyToId) =>
        post(`@${target.username} ${text}`, {
          visibility: 'direct',
          ...(inReplyToId ? { inReplyToId } : {}),
        }),
      favourite: (statusId) => {
        live.favourite(account.id, statusId)
      },
      reblog: (statusId) => {
        live.reblog(account.id, statusId)
      },
      follow: (target) => live.follow(account.id, target.id),
      unfollow: (target) => live.unfollow(account.id, target.id),
    }
  }

  return {
    url,
    state: live,
    requests,
    createUser: (username, details = {}) => {
      const account = live.createAccount(username, details.displayName, details.note)
      return {
        ...account,
        token: live.issueToken(account.id, testApp.clientId, 'read write follow'),
      }
    },
    signIn: (account) => {
      signedIn = account
    },
    actor,
    revokeToken: (token) => {
      const grant = live.tokens.get(token)
      if (grant) grant.revoked = true
    },
    streaming,
    close: () =>
      new Promise<void>((resolve) => {
        streaming.drop()
        server.closeAllConnections()
        server.close(() => resolve())
      }),
  }
}
