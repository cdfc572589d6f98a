import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isPublicAddress } from './assert-public-address.ts'
import { createSafeFetch } from './create-safe-fetch.ts'

let server: http.Server
let port: number
beforeAll(async () => {
  server = http.createServer((req, res) => {
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
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

describe('public address check', () => {
  it.each([
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:10.0.0.1',
    '224.0.0.1',
  ])('refuses %s', (address) => {
    expect(isPublicAddress(address)).toBe(false)
  })

  it.each(['8.8.8.8', '1.1.1.1', '2606:4700:4700::1111', '::ffff:8.8.8.8'])(
    'allows %s',
    (address) => {
      expect(isPublicAddress(address)).toBe(true)
    },
  )
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
