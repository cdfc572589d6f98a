import dns from 'node:dns'
import type { LookupFunction } from 'node:net'
import { Agent, fetch as undiciFetch } from 'undici'
import { assertPublicAddress } from './assert-public-address.ts'

export type SafeFetchOptions = {
  /** Loopback test peers only: `SOUS_ALLOW_PRIVATE_NETWORK=1`, off by default. */
  allowPrivateNetwork: boolean
  timeoutMs?: number
  maxResponseBytes?: number
}

export class ResponseTooLargeError extends Error {
  readonly code = 'response_too_large'
  constructor(limit: number) {
    super(`The response is larger than ${limit} bytes`)
    this.name = 'ResponseTooLargeError'
  }
}

const DEFAULT_TIMEOUT_MS = 15_000
const DEFAULT_MAX_BYTES = 10 * 1024 * 1024

/**
 * `fetch` for every URL a user supplied (instances, PDSes, link cards). The address is
 * checked after DNS resolution, at connect time, for every connection and redirect, so a
 * DNS-rebinding host cannot switch to a private address after a first check. Fails closed:
 * a lookup error or any private address refuses the connection.
 */
export function createSafeFetch(options: SafeFetchOptions): typeof fetch {
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS
  const maxBytes = options.maxResponseBytes ?? DEFAULT_MAX_BYTES
  const lookup: LookupFunction = (hostname, lookupOptions, callback) => {
    dns.lookup(hostname, { ...lookupOptions, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0)
      try {
        if (!options.allowPrivateNetwork) {
          for (const { address } of addresses) assertPublicAddress(hostname, address)
        }
      } catch (refused) {
        return callback(refused as NodeJS.ErrnoException, '', 0)
      }
      if (lookupOptions.all) return callback(null, addresses)
      const first = addresses[0]
      if (!first) return callback(new Error(`${hostname} has no address`), '', 0)
      return callback(null, first.address, first.family)
    })
  }
  const dispatcher = new Agent({
    connect: { lookup, timeout: timeoutMs },
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
    if (!options.allowPrivateNetwork && isLiteralAddress(url.hostname)) {
      assertPublicAddress(url.hostname, url.hostname.replace(/^\[|\]$/g, ''))
    }
    const signal = init?.signal
      ? AbortSignal.any([init.signal, AbortSignal.timeout(timeoutMs)])
      : AbortSignal.timeout(timeoutMs)
    const response = (await undiciFetch(
      input as never,
      { ...(init as object), signal, dispatcher } as never,
    )) as unknown as Response
    return limitBody(response, maxBytes)
  }
  return safeFetch as typeof fetch
}

function isLiteralAddress(hostname: string): boolean {
  return /^[\d.]+$/.test(hostname) || hostname.startsWith('[')
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
