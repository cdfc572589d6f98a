import { PrivateAddressError } from '../../security/assert-public-address.ts'
import { ResponseTooLargeError } from '../../security/create-safe-fetch.ts'
import { findCause } from '../transport.ts'

const TIMEOUT_CODES = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
])
const NOT_FOUND_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NONAME'])
const CUT_CODES = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED'])

/**
 * Why a page could not be fetched, in words a person can act on. Built from the error's
 * type and code, never by echoing its message: that can carry library internals or the
 * private address a name resolved to.
 */
export function explainFetchFailure(error: unknown, url: string): string {
  const refused = findCause(error, PrivateAddressError)
  if (refused) {
    return `it leads to ${refused.host}, a private or reserved address; Sous only fetches public addresses`
  }
  const tooLarge = findCause(error, ResponseTooLargeError)
  if (tooLarge) return `the page is larger than ${tooLarge.limit} bytes`
  const host = URL.canParse(url) ? new URL(url).hostname : 'the host'
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    const { code, name, hostname, message } = cause as Record<string, unknown>
    if (name === 'TimeoutError' || (typeof code === 'string' && TIMEOUT_CODES.has(code))) {
      return 'it did not answer in time'
    }
    const where = typeof hostname === 'string' && hostname ? hostname : host
    if (typeof code === 'string') {
      if (NOT_FOUND_CODES.has(code)) return `${where} could not be found`
      if (code === 'ECONNREFUSED') return 'the server refused the connection'
      if (CUT_CODES.has(code)) return 'the connection was cut before the page arrived'
      if (/CERT|SSL|TLS/.test(code)) return 'its TLS certificate could not be verified'
    }
    if (message === 'redirect count exceeded') return 'it redirects too many times'
    cause = (cause as { cause?: unknown }).cause
  }
  return 'it could not be reached'
}
