/**
 * What every adapter needs to tell a request that never left from one that may have been
 * applied. Network-specific answers (status codes, rate-limit headers) stay in the adapters.
 */

export const DEFAULT_TIMEOUT_MS = 30_000

/**
 * The transport failed. `sent: false` only when the request provably never reached the
 * server (refused connection, unknown host, connect timeout, an address the SSRF guard
 * refused); anything later (reset, timeout, a cut response) may have been applied, which
 * matters when the request could change something (`changes`: any method but GET/HEAD).
 */
export class TransportError extends Error {
  constructor(
    readonly sent: boolean,
    cause: unknown,
    readonly changes: boolean,
  ) {
    super(describeCause(cause), { cause })
    this.name = 'TransportError'
  }
}

const NOT_SENT_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'ERR_INVALID_URL',
  // The SSRF guard refuses the address before connecting.
  'private_address',
])

/** Whether a fetch() rejection happened before anything was written to a socket. */
export function wasNeverSent(error: unknown): boolean {
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    const code = (cause as { code?: unknown }).code
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true
    cause = (cause as { cause?: unknown }).cause
  }
  return false
}

/**
 * `fetch` with a time limit whose failures say whether the request could have been applied:
 * every rejection, including one while reading the body, becomes a `TransportError`. The
 * body is read here so a connection cut mid-response is caught here too.
 */
export function transportFetch(fetchImpl: typeof fetch, timeoutMs: number): typeof fetch {
  return async (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs)
    const signal = init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout
    try {
      const response = await fetchImpl(input, { ...init, signal })
      const body = await response.arrayBuffer()
      return new Response(body.byteLength > 0 || !bodyless(response.status) ? body : null, {
        status: response.status,
        statusText: response.statusText,
        headers: response.headers,
      })
    } catch (error) {
      const method = (init?.method ?? 'GET').toUpperCase()
      throw new TransportError(!wasNeverSent(error), error, method !== 'GET' && method !== 'HEAD')
    }
  }
}

/** `Retry-After` (seconds or an HTTP date) as milliseconds from `now`; undefined when absent. */
export function retryAfterHeaderMs(
  value: string | null | undefined,
  now: number,
): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined
  const seconds = Number(value)
  const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(value)
  return Number.isFinite(at) ? at - now : undefined
}

/** The first cause in `error`'s chain that is a `type`. */
export function findCause<T>(error: unknown, type: new (...args: never[]) => T): T | undefined {
  for (let cause = error, depth = 0; cause && depth < 6; depth++) {
    if (cause instanceof type) return cause
    cause = (cause as { cause?: unknown }).cause
  }
  return undefined
}

function bodyless(status: number): boolean {
  return status === 204 || status === 205 || status === 304
}

function describeCause(cause: unknown): string {
  const parts: string[] = []
  for (let current = cause, depth = 0; current && depth < 4; depth++) {
    if (current instanceof Error) {
      const code = (current as { code?: unknown }).code
      parts.push(typeof code === 'string' ? `${current.message} (${code})` : current.message)
    } else {
      parts.push(String(current))
    }
    current = (current as { cause?: unknown }).cause
  }
  return parts.join(': ') || 'the connection failed'
}
