import http from 'node:http'
import type { AddressInfo } from 'node:net'

/**
 * What the proxy does to one request:
 * - `pass`: forward it and return the answer.
 * - `drop-response`: forward it, wait until the peer has answered (the write is applied),
 *   then destroy the client's socket without a byte of the answer.
 * - `reset`: destroy the client's socket before anything is forwarded.
 * - `hang`: forward it, then never answer (the client's own timeout ends it).
 * - `status`: answer with this status and body without forwarding.
 */
export type Fault =
  | { kind: 'pass' }
  | { kind: 'drop-response' }
  | { kind: 'reset' }
  | { kind: 'hang' }
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }

export type FaultRule = {
  fault: Fault
  /** Which requests: a substring of the path (`/xrpc/com.atproto.repo.createRecord`), or a test. */
  match?: string | ((request: { method: string; path: string }) => boolean)
  /** How many matching requests this rule handles; all of them when absent. */
  times?: number
}

export type RecordedRequest = { method: string; path: string; fault: Fault['kind'] }

export type FaultProxy = {
  url: string
  /** Adds a rule; the first rule that matches a request, with uses left, decides. */
  script: (rule: FaultRule) => void
  /** Removes every rule and forgets the recorded requests. */
  reset: () => void
  /** Every request that reached the proxy since the last reset, in order. */
  readonly requests: RecordedRequest[]
  close: () => Promise<void>
}

/** 500 as an XRPC server or Mastodon would send it. */
export const serverError: Fault = {
  kind: 'status',
  status: 500,
  body: { error: 'InternalServerError', message: 'Internal Server Error (fault proxy)' },
}

/** 503 with `Retry-After`: a server down for maintenance that says when to come back. */
export function unavailable(retryAfterSeconds: number): Fault {
  return {
    kind: 'status',
    status: 503,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: { error: 'ServiceUnavailable', message: 'Down for maintenance (fault proxy)' },
  }
}

/** 401 for a token or password the server no longer accepts. */
export const unauthorized: Fault = {
  kind: 'status',
  status: 401,
  body: { error: 'AuthenticationRequired', message: 'Authentication Required (fault proxy)' },
}

/**
 * 429 with the retry time in every dialect a client may read: `Retry-After` (seconds),
 * atproto's `ratelimit-*` (reset in epoch seconds) and Mastodon's `X-RateLimit-*` (reset
 * as an ISO date).
 */
export function rateLimited(retryAfterSeconds: number, now = Date.now()): Fault {
  const reset = Math.ceil(now / 1000) + retryAfterSeconds
  return {
    kind: 'status',
    status: 429,
    headers: {
      'retry-after': String(retryAfterSeconds),
      'ratelimit-limit': '100',
      'ratelimit-remaining': '0',
      'ratelimit-reset': String(reset),
      'ratelimit-policy': '100;w=300',
      'x-ratelimit-limit': '300',
      'x-ratelimit-remaining': '0',
      'x-ratelimit-reset': new Date(reset * 1000).toISOString(),
    },
    body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded (fault proxy)' },
  }
}

/**
 * An HTTP proxy on loopback in front of a test peer (a PDS, the Mastodon fake), scripted per
 * test to lose answers, reset connections or answer errors. Point the adapter at `url`.
 */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target)
  let rules: Array<FaultRule & { used: number }> = []
  const requests: RecordedRequest[] = []
  const hanging = new Set<http.ServerResponse>()

  const pick = (method: string, path: string): Fault => {
    for (const rule of rules) {
      if (rule.times !== undefined && rule.used >= rule.times) continue
      const matches =
        rule.match === undefined ||
        (typeof rule.match === 'string' ? path.includes(rule.match) : rule.match({ method, path }))
      if (!matches) continue
      rule.used++
      return rule.fault
    }
    return { kind: 'pass' }
  }

  const server = http.createServer((request, response) => {
    const method = request.method ?? 'GET'
    const path = request.url ?? '/'
    const fault = pick(method, path)
    requests.push({ method, path, fault: fault.kind })
    if (fault.kind === 'reset') {
      request.socket.destroy()
      return
    }
    if (fault.kind === 'status') {
      const body = JSON.stringify(fault.body ?? {})
      response.writeHead(fault.status, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        ...fault.headers,
      })
      response.end(body)
      request.resume()
      return
    }
    const forwarded = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        method,
        path,
        headers: { ...request.headers, host: upstream.host },
      },
      (answer) => {
        if (fault.kind === 'drop-response') {
          // Let the peer finish, then cut the client off without a byte of the answer.
          answer.resume()
          answer.on('end', () => request.socket.destroy())
          return
        }
        if (fault.kind === 'hang') {
          answer.resume()
          hanging.add(response)
          return
        }
        response.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(response)
      },
    )
    forwarded.on('error', (error) => {
      if (!response.headersSent) {
        response.writeHead(502, { 'content-type': 'application/json' })
        response.end(JSON.stringify({ error: 'BadGateway', message: error.message }))
      } else {
        response.destroy()
      }
    })
    request.pipe(forwarded)
  })
  // Longer than a client's own idle timeout (undici: 4 s), so the client always closes an idle
  // connection first; a server that closes it first races the next request into a reset.
  server.keepAliveTimeout = 65_000
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo

  return {
    url: `http://127.0.0.1:${port}`,
    script: (rule) => {
      rules.push({ ...rule, used: 0 })
    },
    reset: () => {
      rules = []
      requests.length = 0
    },
    requests,
    close: async () => {
      for (const response of hanging) response.destroy()
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
