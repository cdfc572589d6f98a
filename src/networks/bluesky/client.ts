import { Agent } from '@atproto/api'
import { type AccountSession, NetworkError } from '../types.ts'
import { renewTokens } from './auth.ts'
import type { BlueskyCredentials } from './credentials.ts'
import { type CallKind, retryAfterMsFrom, toNetworkError } from './errors.ts'

/**
 * What the server said about its rate limits, per account and per kind of call: a 429, or
 * `ratelimit-remaining: 0` on any answer, blocks that kind of call until the reset without
 * another request. One book per adapter instance.
 */
export class RateLimitBook {
  readonly #blockedUntil = new Map<string, number>()

  constructor(private readonly now: () => number = Date.now) {}

  check(key: string): void {
    const until = this.#blockedUntil.get(key)
    if (until === undefined) return
    const waitMs = until - this.now()
    if (waitMs <= 0) {
      this.#blockedUntil.delete(key)
      return
    }
    throw new NetworkError({
      kind: 'rate_limited',
      retryAfterMs: waitMs,
      message: `Bluesky's rate limit for this account is used up until ${new Date(until).toISOString()}`,
    })
  }

  note(key: string, response: Response): void {
    const headers = Object.fromEntries(response.headers.entries())
    if (response.status === 429) {
      this.#blockedUntil.set(key, this.now() + retryAfterMsFrom(headers, this.now()))
    } else if (headers['ratelimit-remaining'] === '0' && headers['ratelimit-reset']) {
      this.#blockedUntil.set(key, Number(headers['ratelimit-reset']) * 1000)
    }
  }
}

export type ClientOptions = {
  /** Wrapped by `transportFetch`. */
  fetch: typeof fetch
  rateLimits: RateLimitBook
}

export type BlueskyClient = {
  agent: Agent
  did: string
  /** Runs calls with one kind: a lost response to a `write` is `unknown_outcome`. */
  run: <T>(kind: CallKind, call: (agent: Agent) => Promise<T>) => Promise<T>
}

const renewals = new WeakMap<AccountSession<BlueskyCredentials>, Promise<void>>()

/**
 * An `Agent` for one connected account. Every request carries the access token; an expired
 * or refused token is renewed once (refresh token, else the app password), the new tokens
 * are saved through the session and the request is sent again. That is the only repeat an
 * adapter makes.
 */
export function openClient(
  session: AccountSession<BlueskyCredentials>,
  options: ClientOptions,
): BlueskyClient {
  const did = session.credentials.did
  const fetchHandler = async (path: string, init: RequestInit): Promise<Response> => {
    const kind: CallKind = (init.method ?? 'GET').toUpperCase() === 'GET' ? 'read' : 'write'
    const bookKey = `${session.credentials.service} ${did} ${kind}`
    options.rateLimits.check(bookKey)
    const send = (token: string) => {
      const headers = new Headers(init.headers)
      headers.set('authorization', `Bearer ${token}`)
      return options.fetch(new URL(path, session.credentials.service), { ...init, headers })
    }
    const token = session.credentials.accessJwt
    let response = await send(token)
    if (await tokenRefused(response)) {
      await renew(session, token, options.fetch)
      response = await send(session.credentials.accessJwt)
    }
    options.rateLimits.note(bookKey, response)
    return response
  }
  const agent = new Agent({ did, fetchHandler })
  return {
    agent,
    did,
    run: async (kind, call) => {
      try {
        return await call(agent)
      } catch (error) {
        throw toNetworkError(error, kind)
      }
    },
  }
}

/** One renewal at a time per session; a call that sent a token already replaced just resends. */
async function renew(
  session: AccountSession<BlueskyCredentials>,
  refusedToken: string,
  fetchImpl: typeof fetch,
): Promise<void> {
  const running = renewals.get(session)
  if (running) return running
  if (session.credentials.accessJwt !== refusedToken) return
  const renewal = (async () => {
    const renewed = await renewTokens(session.credentials, fetchImpl)
    session.credentials = renewed
    await session.saveCredentials(renewed)
  })()
  renewals.set(session, renewal)
  try {
    await renewal
  } finally {
    renewals.delete(session)
  }
}

/** 401, or the 400 ExpiredToken / InvalidToken a PDS answers for an access token it refuses. */
async function tokenRefused(response: Response): Promise<boolean> {
  if (response.status === 401) return true
  if (response.status !== 400) return false
  const body: unknown = await response
    .clone()
    .json()
    .catch(() => undefined)
  const error = (body as { error?: unknown } | undefined)?.error
  return error === 'ExpiredToken' || error === 'InvalidToken'
}
