import type { ContractActor, ContractHarness } from '../../src/networks/contract-suite.ts'
import {
  createMastodonAdapter,
  type MastodonAdapter,
  type MastodonAdapterOptions,
  type MastodonCredentials,
} from '../../src/networks/mastodon/index.ts'
import type { AccountSession } from '../../src/networks/types.ts'
import { createSafeFetch } from '../../src/security/create-safe-fetch.ts'
import { startFaultProxy } from './fault-proxy.ts'
import {
  type FakeUser,
  type MastodonFake,
  type MastodonFakeOptions,
  startMastodonFake,
} from './mastodon-fake/index.ts'

export const CALLBACK_URL = 'http://127.0.0.1:9/oauth/callback'

/** The production fetch (undici + SSRF guard), opened to loopback as tests need. */
export function testAdapter(options: MastodonAdapterOptions = {}): MastodonAdapter {
  return createMastodonAdapter({
    fetch: createSafeFetch({ allowPrivateNetwork: true }),
    mediaPolling: { firstDelayMs: 5, maxDelayMs: 20, timeoutMs: 10_000 },
    ...options,
  })
}

export type SavedSession = AccountSession<MastodonCredentials> & { saved: MastodonCredentials[] }

export function savedSession(credentials: MastodonCredentials): SavedSession {
  const saved: MastodonCredentials[] = []
  return {
    credentials,
    saveCredentials: async (next) => {
      saved.push(next)
    },
    saved,
  }
}

/**
 * Connects `user` the way a person does: app registration at `instance`, the authorization
 * URL (PKCE + state), the fake's auto-approving consent page, the code exchange.
 */
export async function connectByOAuth(
  adapter: MastodonAdapter,
  fake: MastodonFake,
  user: FakeUser,
  instance = fake.url,
): Promise<SavedSession> {
  const registration = await adapter.registerApp(instance, {
    clientName: 'Sous',
    redirectUri: CALLBACK_URL,
  })
  fake.signIn(user)
  const authorization = adapter.authorizationUrl(registration)
  const approved = await fetch(authorization.url, { redirect: 'manual' })
  const callback = new URL(approved.headers.get('location') ?? '')
  if (callback.searchParams.get('state') !== authorization.state) {
    throw new Error(`the callback's state does not match: ${callback}`)
  }
  const { credentials } = await adapter.exchangeCode(registration, {
    code: callback.searchParams.get('code') ?? '',
    codeVerifier: authorization.codeVerifier,
  })
  return savedSession(credentials)
}

/** Another account on the fake, acting directly on it, never through Sous or the proxy. */
export function fakeActor(fake: MastodonFake, target: FakeUser, name: string): ContractActor {
  const actor = fake.actor(fake.createUser(name))
  return {
    id: actor.account.id,
    mention: async (text) => actor.mention(target, text).id,
    reply: async (uri, text) => actor.reply(uri, text).id,
    quote: async (uri, text) => actor.quote(uri, text).id,
    follow: async () => actor.follow(target),
    like: async (uri) => actor.favourite(uri),
    repost: async (uri) => actor.reblog(uri),
  }
}

let users = 0

/** The contract harness for Mastodon against the contract fake, behind the fault proxy. */
export async function createMastodonFakeHarness(
  options: MastodonFakeOptions = {},
): Promise<ContractHarness<MastodonCredentials> & { fake: MastodonFake }> {
  const fake = await startMastodonFake(options)
  const proxy = await startFaultProxy(fake.url)
  const adapter = testAdapter()
  const connect = async () => {
    const user = fake.createUser(`sous${++users}`)
    return { user, session: await connectByOAuth(adapter, fake, user, proxy.url) }
  }
  const { user, session } = await connect()
  return {
    fake,
    adapter,
    session,
    newSession: async () => (await connect()).session,
    otherActor: fakeActor(fake, user, `other${users}`),
    proxy,
    publishRoute: (request) => request.method === 'POST' && request.path === '/api/v1/statuses',
    readBack: async (uri) => {
      const status = fake.state.liveStatus(uri)
      return status ? { text: status.text } : null
    },
    countPosts: async (s) => fake.state.counts(s.credentials.accountId).statuses,
    close: async () => {
      await proxy.close()
      await fake.close()
    },
  }
}
