import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { describe, expect, it } from 'vitest'
import { findCause, retryAfterHeaderMs, TransportError, transportFetch } from './transport.ts'

async function failureOf(promise: Promise<unknown>): Promise<TransportError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  )
  const transport = findCause(error, TransportError)
  if (!transport) throw new Error(`expected a TransportError, got ${String(error)}`)
  return transport
}

describe('transportFetch', () => {
  it('says a refused connection was never sent, and a reset one may have been', async () => {
    const server = http.createServer((request) => request.socket.destroy())
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const fetchWithLimits = transportFetch(globalThis.fetch, 2000)
    const reset = await failureOf(fetchWithLimits(url, { method: 'POST', body: 'x' }))
    expect(reset).toMatchObject({ sent: true, changes: true })
    await new Promise<void>((resolve) => server.close(() => resolve()))
    const refused = await failureOf(fetchWithLimits(url))
    expect(refused).toMatchObject({ sent: false, changes: false })
    expect(refused.message).toMatch(/ECONNREFUSED/)
  })

  it('ends a request that takes longer than the limit', async () => {
    const server = http.createServer(() => {})
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
    const started = Date.now()
    const timedOut = await failureOf(
      transportFetch(globalThis.fetch, 200)(url, { method: 'DELETE' }),
    )
    expect(timedOut).toMatchObject({ sent: true, changes: true })
    expect(Date.now() - started).toBeLessThan(2000)
    server.closeAllConnections()
    server.close()
  })
})

describe('retryAfterHeaderMs', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    expect(retryAfterHeaderMs('30', now)).toBe(30_000)
    expect(retryAfterHeaderMs('Thu, 01 Jan 2026 00:01:00 GMT', now)).toBe(60_000)
    expect(retryAfterHeaderMs('soon', now)).toBeUndefined()
    expect(retryAfterHeaderMs(undefined, now)).toBeUndefined()
  })
})
