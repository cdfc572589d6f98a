import dns from 'node:dns'
import net, { type LookupFunction } from 'node:net'
import { Agent, buildConnector, fetch as undiciFetch } from 'undici'
import { assertPublicAddress, PrivateAddressError } from './assert-public-address.ts'

export type SafeFetchOptions = {
  /** Loopback test peers only: `SOUS_ALLOW_PRIVATE_NETWORK=1`, off by default. */
  allowPrivateNetwork: boolean
  /**
   * Tests only: `host:port` peers reached without the address check, so a loopback server
   * can stand in for a public host while every other peer, redirects included, is checked.
   */
  trustedPeers?: readonly string[]
  timeoutMs?: number
  maxResponseBytes?: number
}

export class ResponseTooLargeError extends Error {
  readonly code = 'response_too_large'
  constructor(readonly limit: number) {
    super(`The response is larger than ${limit} bytes`)
    this.name = 'ResponseTooLargeError'
  }
}

const DEFAULT_TIMEOUT_MS = 15_000
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

/**
 * `fetch` for every URL a user supplied (instances, PDSes, link cards). Every connection —
 * the first hop and each redirect alike — is judged in the dispatcher's connector, on the
 * address actually dialled: a host name's resolved addresses in `lookup` (so a DNS-rebinding
 * host cannot switch after a first check), an IP literal (which never reaches `lookup`) before
 * dialling, and the connected socket's peer once more. Fails closed: a lookup error or any
 * private address refuses the connection, and the rejection carries a PrivateAddressError.
 */
export function createSafeFetch(options: SafeFetchOptions): typeof fetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES
  const dispatcher = new Agent({
    connect: options.allowPrivateNetwork
      ? buildConnector({ timeout: timeoutMs })
      : guardedConnector(timeoutMs, new Set(options.trustedPeers)),
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
  })

  const safeFetch = async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = new URL(input instanceof Request ? input.url : input)
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
      throw new TypeError(`Only http and https URLs can be fetched, not ${url.protocol}`)
    }
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs)
    const response = (await undiciFetch(
      input as never,
      { ...(init as object), signal, dispatcher } as never,
    ).catch((error: Error) => {
      // undici says only "fetch failed"; the guard's refusal is the reason worth giving.
      if (error.cause instanceof PrivateAddressError) throw error.cause
      throw error
    })) as unknown as Response
    return limitBody(response, maxBytes)
  }
  return safeFetch as typeof fetch
}

/**
 * A `lookup` for sockets dialled by name that answers only public addresses: every resolved
 * address is checked, so one private answer refuses the host (fails closed). IP literals never
 * reach a lookup: check them before dialling.
 */
export const publicAddressLookup: LookupFunction = (hostname, lookupOptions, callback) => {
  dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
    if (error) return callback(error, '', 0)
    try {
      for (const { address } of addresses) assertPublicAddress(hostname, address)
    } catch (refused) {
      return callback(refused as NodeJS.ErrnoException, '', 0)
    }
    if (lookupOptions.all) return callback(null, addresses)
    const first = addresses[0]
    if (!first) return callback(new Error(`${hostname} has no address`), '', 0)
    return callback(null, first.address, first.family)
  })
}

function guardedConnector(timeoutMs: number, trusted: Set<string>): buildConnector.connector {
  const open = buildConnector({ timeout: timeoutMs })
  const checked = buildConnector({ timeout: timeoutMs, lookup: publicAddressLookup })

  return (connectOptions, callback) => {
    const { hostname, protocol } = connectOptions
    const port = connectOptions.port || (protocol === 'https:' ? '443' : '80')
    if (trusted.has(`${hostname}:${port}`)) return open(connectOptions, callback)
    // net.connect dials an IP literal (undici hands IPv6 without brackets) without a lookup.
    if (net.isIP(hostname)) {
      try {
        assertPublicAddress(hostname, hostname)
      } catch (refused) {
        return callback(refused as Error, null)
      }
    }
    checked(connectOptions, (error, socket) => {
      if (error) return callback(error, null)
      try {
        assertPublicAddress(hostname, socket.remoteAddress ?? '')
      } catch (refused) {
        socket.destroy()
        return callback(refused as Error, null)
      }
      callback(null, socket)
    })
  }
}

/** Streams the body through a counter; more than `limit` bytes aborts with ResponseTooLargeError. */
function limitBody(response: Response, limit: number): Response {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > limit) throw new ResponseTooLargeError(limit)
  if (!response.body) return response
  let seen = 0
  const counted = response.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        seen += chunk.byteLength
        if (seen > limit) controller.error(new ResponseTooLargeError(limit))
        else controller.enqueue(chunk)
      },
    }),
  )
  return new Response(counted, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  })
}
