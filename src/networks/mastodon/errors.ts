import { PrivateAddressError } from '../../security/assert-public-address.ts'
import { findCause, retryAfterHeaderMs, TransportError } from '../transport.ts'
import { NetworkError, type NetworkFailure } from '../types.ts'

/** Whether a call may change something people can see: decides what a lost response means. */
export type CallKind = 'read' | 'write'

/** The instance answered with an error status; `error` is what it said (see `refusalText`). */
export class ResponseError extends Error {
  constructor(
    readonly status: number,
    readonly headers: Headers,
    readonly error: string,
  ) {
    super(`${status}: ${error}`)
    this.name = 'ResponseError'
  }
}

/**
 * What the instance said, in words a person can act on: Mastodon's error entity (`error`,
 * `error_description`); otherwise a validator's `message` (or RFC 9457's `detail`/`title`)
 * with its first field error. Undefined when the body says nothing readable.
 */
export function refusalText(text: string): string | undefined {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    return undefined
  }
  if (typeof body !== 'object' || body === null) return undefined
  const fields = body as Record<string, unknown>
  const words = (...names: string[]) =>
    names
      .map((name) => fields[name])
      .filter((part): part is string => typeof part === 'string' && part.trim() !== '')
  const mastodon = words('error', 'error_description')
  if (mastodon.length > 0) return mastodon.join(': ')
  const parts = [words('message', 'detail', 'title')[0], firstFieldError(fields.errors)]
  const said = parts.filter((part) => part !== undefined)
  return said.length > 0 ? said.join(': ') : undefined
}

/** `errors` as validators write them: strings, `{field, message}`, or `{field: [messages]}`. */
function firstFieldError(errors: unknown): string | undefined {
  const first = Array.isArray(errors) ? errors[0] : undefined
  if (typeof first === 'string') return first
  if (typeof first === 'object' && first !== null) {
    const { field, path, message, detail } = first as Record<string, unknown>
    const where = [field, path].find((part) => typeof part === 'string')
    const what = [message, detail].find((part) => typeof part === 'string')
    if (typeof what === 'string') return typeof where === 'string' ? `${where} ${what}` : what
  }
  if (typeof errors === 'object' && errors !== null && !Array.isArray(errors)) {
    for (const [field, messages] of Object.entries(errors)) {
      const what = Array.isArray(messages) ? messages[0] : messages
      if (typeof what === 'string') return `${field} ${what}`
    }
  }
  return undefined
}

const DEFAULT_RETRY_AFTER_MS = 60_000

/**
 * How long the instance asked us to wait: `Retry-After` (seconds or an HTTP date) and
 * Mastodon's `X-RateLimit-Reset` (an ISO 8601 time); the later of the two when both are given.
 */
export function retryAfterMsFrom(headers: Headers, now = Date.now()): number {
  const candidates: number[] = []
  const retryAfter = retryAfterHeaderMs(headers.get('retry-after'), now)
  if (retryAfter !== undefined) candidates.push(retryAfter)
  const reset = Date.parse(headers.get('x-ratelimit-reset') ?? '')
  if (Number.isFinite(reset)) candidates.push(reset - now)
  if (candidates.length === 0) return DEFAULT_RETRY_AFTER_MS
  return Math.max(1000, Math.ceil(Math.max(...candidates)))
}

/**
 * Maps anything a Mastodon call threw onto the closed failure set. A lost response to a
 * `write` that may have been applied is `unknown_outcome`, never `transient`. Programming
 * errors are not network failures and pass unchanged.
 */
export function toNetworkError(error: unknown, kind: CallKind, now = Date.now()): unknown {
  if (error instanceof NetworkError) return error
  if (error instanceof TransportError) {
    const refused = findCause(error, PrivateAddressError)
    // The SSRF guard's refusal is permanent for this address: waiting will not change it.
    if (refused) return new NetworkError({ kind: 'rejected', reason: refused.message })
    return new NetworkError(
      error.sent && kind === 'write'
        ? { kind: 'unknown_outcome', message: `the request was sent, then ${error.message}` }
        : {
            kind: 'transient',
            message: `the Mastodon instance could not be reached: ${error.message}`,
          },
    )
  }
  if (error instanceof ResponseError) return new NetworkError(failureFromResponse(error, now))
  return error
}

function failureFromResponse(error: ResponseError, now: number): NetworkFailure {
  const said = error.error
  if (error.status === 401) {
    return { kind: 'auth_expired', message: `the instance refused the access token: ${said}` }
  }
  if (error.status === 429) {
    return {
      kind: 'rate_limited',
      retryAfterMs: retryAfterMsFrom(error.headers, now),
      message: `the instance's rate limit is used up: ${said}`,
    }
  }
  if (error.status >= 500) {
    const wait = retryAfterHeaderMs(error.headers.get('retry-after'), now)
    return {
      kind: 'transient',
      message: `the instance answered ${error.status}: ${said}`,
      ...(wait !== undefined ? { retryAfterMs: Math.max(0, wait) } : {}),
    }
  }
  return { kind: 'rejected', reason: `The Mastodon instance refused it: ${said}` }
}
