import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PrivateAddressError } from './assert-public-address.ts'
import { createSafeFetch } from './create-safe-fetch.ts'

let server: http.Server
let port: number
/** A loopback page a redirect must never reach; on `::` it answers IPv4 and IPv6 alike. */
let internal: http.Server
let internalPort: number
beforeAll(async () => {
  internal = http.createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<meta property="og:title" content="internal secret">')
  })
  await new Promise<void>((resolve) => internal.listen(0, '::', resolve))
  internalPort = (internal.address() as AddressInfo).port
  server = http.createServer((req, res) => {
    const to = new URL(req.url ?? '/', 'http://x').searchParams.get('to')
    if (to) {
      res.writeHead(302, { location: to.replace('PORT', String(internalPort)) })
      res.end()
      return
    }
    if (req.url === '/big') {
      res.writeHead(200)
      res.end(Buffer.alloc(2 * 1024 * 1024, 97))
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('late'), 3_000)
    } else if (req.url === '/redirect') {
      res.writeHead(302, { location: `http://localhost:${port}/` })
      res.end()
    } else {
      res.end('hello')
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
})
afterAll(async () => {
  for (const s of [server, internal]) {
    s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

describe('safe fetch', () => {
  const guarded = createSafeFetch({ allowPrivateNetwork: false, timeoutMs: 1_000 })

  it('refuses a name that resolves to loopback, checked on the resolved address', async () => {
    await expect(guarded(`http://localhost:${port}/`)).rejects.toThrow()
    const error = await guarded(`http://localhost:${port}/`).catch((e: Error) => e)
    expect(String((error as Error & { cause?: Error }).cause ?? error)).toMatch(
      /private or reserved/,
    )
  })

  it('refuses literal private and metadata addresses before connecting', async () => {
    await expect(guarded(`http://127.0.0.1:${port}/`)).rejects.toThrow(/private or reserved/)
    await expect(guarded('http://169.254.169.254/latest/meta-data/')).rejects.toThrow(
      /private or reserved/,
    )
    await expect(guarded('http://[::1]/')).rejects.toThrow(/private or reserved/)
  })

  describe('redirects, with a loopback server standing in for a public host', () => {
    // Built per test: the servers' ports are only known once they listen.
    const standIn = () =>
      createSafeFetch({
        allowPrivateNetwork: false,
        trustedPeers: [`127.0.0.1:${port}`],
        timeoutMs: 1_000,
      })
    const via = (target: string) => `http://127.0.0.1:${port}/?to=${encodeURIComponent(target)}`

    it('reaches the stand-in and follows a redirect that stays on it', async () => {
      expect(await (await standIn()(`http://127.0.0.1:${port}/`)).text()).toBe('hello')
      const back = via(`http://127.0.0.1:${port}/`)
      expect(await (await standIn()(back)).text()).toBe('hello')
    })

    it.each([
      'http://127.0.0.1:PORT/',
      'http://[::1]:PORT/',
      'http://2130706433:PORT/',
      'http://0x7f000001:PORT/',
      'http://0177.0.0.1:PORT/',
      'http://127.1:PORT/',
      'http://0.0.0.0:PORT/',
      'http://[::]:PORT/',
      'http://[::ffff:127.0.0.1]:PORT/',
      'http://[::127.0.0.1]:PORT/',
      'http://[64:ff9b::127.0.0.1]:PORT/',
      'http://[2002:7f00:1::1]:PORT/',
      'http://localhost:PORT/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[::169.254.169.254]/latest/meta-data/',
    ])('refuses a redirect to %s at connect time', async (target) => {
      const outcome = await standIn()(via(target))
        .then((r) => r.text())
        .catch((e: Error) => e)
      expect(outcome).toBeInstanceOf(PrivateAddressError)
    })
  })

  it('refuses other schemes', async () => {
    await expect(guarded('file:///etc/passwd')).rejects.toThrow(/Only http and https/)
  })

  it('with the test-only switch, reaches loopback peers but still limits size and time', async () => {
    const open = createSafeFetch({
      allowPrivateNetwork: true,
      timeoutMs: 500,
      maxResponseBytes: 1024 * 1024,
    })
    expect(await (await open(`http://127.0.0.1:${port}/`)).text()).toBe('hello')
    expect(await (await open(`http://127.0.0.1:${port}/redirect`)).text()).toBe('hello')
    await expect(open(`http://127.0.0.1:${port}/big`).then((r) => r.arrayBuffer())).rejects.toThrow(
      /larger than/,
    )
    const started = Date.now()
    await expect(open(`http://127.0.0.1:${port}/slow`).then((r) => r.text())).rejects.toThrow()
    expect(Date.now() - started).toBeLessThan(2_000)
  })
})
