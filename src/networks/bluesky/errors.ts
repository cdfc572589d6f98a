import { XRPCError } from '@atproto/api'
import { PrivateAddressError } from '../../security/assert-public-address.ts'
import { findCause, retryAfterHeaderMs, TransportError } from '../transport.ts'
import { NetworkError, type NetworkFailure } from '../types.ts'

/** Whether a call may change something on the network: decides what a lost response means. */
export type CallKind = 'read' | 'write'

const DEFAULT_RETRY_AFTER_MS = 60_000

/**
 * How long the server asked us to wait: `Retry-After` (seconds or an HTTP date) and
 * Bluesky's `ratelimit-reset` (epoch seconds); the later of the two when both are given.
 */
export function retryAfterMsFrom(
  headers: Record<string, string | undefined>,
  now = Date.now(),
): number {
  const candidates: number[] = []
  const retryAfter = retryAfterHeaderMs(headers['retry-after'], now)
  if (retryAfter !== undefined) candidates.push(retryAfter)
  const reset = Number(headers['ratelimit-reset'])
  if (headers['ratelimit-reset'] !== undefined && Number.isFinite(reset)) {
    candidates.push(reset * 1000 - now)
  }
  if (candidates.length === 0) return DEFAULT_RETRY_AFTER_MS
  return Math.max(1000, Math.ceil(Math.max(...candidates)))
}

/**
 * Maps anything a Bluesky call threw onto the closed failure set. `kind` is the call's: a
 * lost response to a write that may have been applied is `unknown_outcome`, never
 * `transient`. Programming errors are not network failures and pass unchanged.
 */
export function toNetworkError(error: unknown, kind: CallKind): unknown {
  const known = findCause(error, NetworkError)
  if (known) return known
  const transport = findCause(error, TransportError)
  if (transport) {
    const refused = findCause(error, PrivateAddressError)
    // The SSRF guard's refusal is permanent for this address: waiting will not change it.
    if (refused) return new NetworkError({ kind: 'rejected', reason: refused.message })
    return new NetworkError(
      transport.sent && transport.changes && kind === 'write'
        ? { kind: 'unknown_outcome', message: `the request was sent, then ${transport.message}` }
        : { kind: 'transient', message: `Bluesky could not be reached: ${transport.message}` },
    )
  }
  if (error instanceof XRPCError) return new NetworkError(failureFromResponse(error, kind))
  return error
}

function failureFromResponse(error: XRPCError, kind: CallKind): NetworkFailure {
  const status = error.status
  const said = serverSaid(error)
  if (status === 429) {
    return {
      kind: 'rate_limited',
      retryAfterMs: retryAfterMsFrom(error.headers ?? {}),
      message: `Bluesky rate limit: ${said}`,
    }
  }
  if (status === 401 || error.error === 'ExpiredToken' || error.error === 'InvalidToken') {
    return { kind: 'auth_expired', message: said }
  }
  if (status >= 500) {
    const wait = retryAfterHeaderMs(error.headers?.['retry-after'], Date.now())
    return {
      kind: 'transient',
      message: `Bluesky answered ${status}: ${said}`,
      ...(wait !== undefined ? { retryAfterMs: Math.max(0, wait) } : {}),
    }
  }
  // 2 = a 2xx body that failed lexicon validation: the write itself went through.
  if (status === 2 && kind === 'write') return { kind: 'unknown_outcome', message: said }
  if (status >= 400) return { kind: 'rejected', reason: `Bluesky refused it: ${said}` }
  return { kind: 'transient', message: said }
}

function serverSaid(error: XRPCError): string {
  const name = error.error && error.error !== 'InternalServerError' ? `${error.error}: ` : ''
  return `${name}${error.message}`.trim()
}
