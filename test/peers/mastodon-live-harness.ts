import type { ContractActor, ContractHarness } from '../../src/networks/contract-suite.ts'
import { readInstance } from '../../src/networks/mastodon/auth.ts'
import {
  createMastodonAdapter,
  type MastodonCredentials,
} from '../../src/networks/mastodon/index.ts'
import { htmlToText } from '../../src/networks/mastodon/text.ts'
import type { FaultProxy, RecordedRequest } from './fault-proxy.ts'
import { startFaultProxy } from './fault-proxy.ts'
import { savedSession } from './mastodon-harness.ts'

export type LiveConfig = {
  url: string
  token: string
  /** A second account on the same instance, for the cases where someone else acts. */
  otherToken?: string
}

/**
 * The contract harness against a real instance. The fault proxy speaks plain HTTP, so it
 * fronts only an `http://` instance (a local development server); in front of `https://`
 * requests are only recorded, and the cases that need scripted faults are skipped.
 */
export async function createLiveHarness(
  config: LiveConfig,
): Promise<ContractHarness<MastodonCredentials>> {
  const instance = new URL(config.url).origin
  const own = directCall(instance, config.token)
  const me = (await own('/api/v1/accounts/verify_credentials')).body as { id: string; acct: string }
  const { domain, limits } = await readInstance(instance, { fetch, timeoutMs: 30_000 })
  const proxy = instance.startsWith('http:') ? await startFaultProxy(instance) : recordingOnly()
  const base = proxy.url || instance
  const published: string[] = []
  const inner = createMastodonAdapter({
    fetch: proxy.url ? globalThis.fetch : recording(proxy.requests),
  })
  const adapter = {
    ...inner,
    publish: async (...args: Parameters<typeof inner.publish>) => {
      const post = await inner.publish(...args)
      published.push(post.uri)
      return post
    },
  }
  // `acct` of a local account has no domain; only the full @user@host resolves everywhere.
  const handle = `${me.acct}@${domain}`
  const session = () =>
    savedSession({ instance: base, accessToken: config.token, accountId: me.id, handle, limits })
  return {
    adapter,
    session: session(),
    newSession: async () => session(),
    otherActor: config.otherToken
      ? await liveActor(directCall(instance, config.otherToken), { id: me.id, handle })
      : unavailableActor(),
    proxy,
    publishRoute: (request) => request.method === 'POST' && request.path === '/api/v1/statuses',
    readBack: async (uri) => {
      const { status, body } = await own(`/api/v1/statuses/${uri}`)
      if (status === 404) return null
      return { text: htmlToText((body as { content: string }).content).text }
    },
    countPosts: async () =>
      ((await own('/api/v1/accounts/verify_credentials')).body as { statuses_count: number })
        .statuses_count,
    close: async () => {
      for (const uri of published) await own(`/api/v1/statuses/${uri}`, { method: 'DELETE' })
      await proxy.close()
    },
  }
}

type DirectCall = (path: string, init?: RequestInit) => Promise<{ status: number; body: unknown }>

/** The instance's API with a token, past the proxy and without Sous. */
function directCall(instance: string, token: string): DirectCall {
  return async (path, init = {}) => {
    const headers = new Headers(init.headers)
    headers.set('Authorization', `Bearer ${token}`)
    if (init.body) headers.set('Content-Type', 'application/json')
    const response = await fetch(`${instance}${path}`, { ...init, headers })
    return { status: response.status, body: await response.json().catch(() => null) }
  }
}

/**
 * The other account, on an instance that has history: it mentions by the full @user@host
 * (short mentions resolve only on some servers), and follows afresh (unfollowing first), since
 * a follow that already stands notifies no one.
 */
async function liveActor(
  call: DirectCall,
  target: { id: string; handle: string },
): Promise<ContractActor> {
  const post = async (body: object) => {
    const { body: status } = await call('/api/v1/statuses', {
      method: 'POST',
      body: JSON.stringify(body),
    })
    return (status as { id: string }).id
  }
  const { body } = await call('/api/v1/accounts/verify_credentials')
  return {
    id: (body as { id: string }).id,
    mention: (text) => post({ status: `@${target.handle} ${text}` }),
    reply: (uri, text) => post({ status: `@${target.handle} ${text}`, in_reply_to_id: uri }),
    quote: (uri, text) => post({ status: text, quoted_status_id: uri }),
    follow: async () => {
      await call(`/api/v1/accounts/${target.id}/unfollow`, { method: 'POST' })
      await call(`/api/v1/accounts/${target.id}/follow`, { method: 'POST' })
    },
    like: async (uri) => {
      await call(`/api/v1/statuses/${uri}/favourite`, { method: 'POST' })
    },
    repost: async (uri) => {
      await call(`/api/v1/statuses/${uri}/reblog`, { method: 'POST' })
    },
  }
}

function unavailableActor(): ContractActor {
  const missing = async (): Promise<never> => {
    throw new Error('MASTODON_OTHER_TOKEN is not set')
  }
  return {
    id: '',
    mention: missing,
    reply: missing,
    quote: missing,
    follow: missing,
    like: missing,
    repost: missing,
  }
}

/** A stand-in for the fault proxy in front of an https instance: records, cannot script. */
function recordingOnly(): FaultProxy {
  const requests: RecordedRequest[] = []
  return {
    url: '',
    requests,
    script: () => {
      throw new Error('the fault proxy cannot front an https instance')
    },
    reset: () => {
      requests.length = 0
    },
    close: async () => {},
  }
}

function recording(requests: RecordedRequest[]): typeof fetch {
  return (input, init) => {
    const url = new URL(input instanceof Request ? input.url : input)
    requests.push({ method: init?.method ?? 'GET', path: url.pathname + url.search, fault: 'pass' })
    return fetch(input, init)
  }
}

/** The real instance to run the live suite against: MASTODON_URL, MASTODON_TOKEN, MASTODON_OTHER_TOKEN. */
export function liveInstanceFromEnv(): { url?: string; token?: string; otherToken?: string } {
  return {
    url: process.env.MASTODON_URL,
    token: process.env.MASTODON_TOKEN,
    otherToken: process.env.MASTODON_OTHER_TOKEN,
  }
}
