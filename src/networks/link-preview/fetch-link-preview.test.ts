import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createSafeFetch } from '../../security/create-safe-fetch.ts'
import { fetchLinkPreview, LinkPreviewError } from './fetch-link-preview.ts'

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==',
  'base64',
)
let server: http.Server
let base: string
let port: number
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/to/')) {
      res.writeHead(302, { location: decodeURIComponent(req.url.slice('/to/'.length)) })
      res.end()
    } else if (req.url === '/huge') {
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': 11 * 1024 * 1024 })
      res.write('<html>')
    } else if (req.url === '/slow') {
      setTimeout(() => res.end('<title>late</title>'), 2_000)
    } else if (req.url === '/article') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' })
      res.end(`<!doctype html><html><head><title>Fallback</title>
        <meta property="og:title" content="Bread &amp; butter">
        <meta property="og:description" content="  How the
          sous-chef works  ">
        <meta property="og:image" content="/img/card.png">
        </head><body>${'x'.repeat(100_000)}</body></html>`)
    } else if (req.url === '/plain') {
      res.writeHead(200, { 'content-type': 'text/html' })
      res.end(
        '<html><head><title> Just a title </title><meta name="description" content="Short."></head></html>',
      )
    } else if (req.url === '/img/card.png') {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(PNG)
    } else if (req.url === '/file.pdf') {
      res.writeHead(200, { 'content-type': 'application/pdf' })
      res.end('%PDF')
    } else {
      res.writeHead(404)
      res.end()
    }
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}`
})
afterAll(async () => {
  server.closeAllConnections()
  await new Promise((resolve) => server.close(resolve))
})

const open = createSafeFetch({ allowPrivateNetwork: true })

describe('link previews', () => {
  it('read Open Graph title, description and thumbnail (relative URL resolved)', async () => {
    const card = await fetchLinkPreview(`${base}/article`, open)
    expect(card).toMatchObject({
      url: `${base}/article`,
      title: 'Bread & butter',
      description: 'How the sous-chef works',
    })
    expect(card.thumbnail?.mimeType).toBe('image/png')
    expect(Buffer.from(card.thumbnail?.bytes ?? []).equals(PNG)).toBe(true)
  })

  it('fall back to <title> and the meta description', async () => {
    const card = await fetchLinkPreview(`${base}/plain`, open)
    expect(card).toEqual({ url: `${base}/plain`, title: 'Just a title', description: 'Short.' })
  })

  it('give a bare card for something that is not a page, and an error for a missing one', async () => {
    expect(await fetchLinkPreview(`${base}/file.pdf`, open)).toEqual({ url: `${base}/file.pdf` })
    await expect(fetchLinkPreview(`${base}/gone`, open)).rejects.toThrow(LinkPreviewError)
  })

  it('go through the SSRF guard: a private address is refused', async () => {
    const guarded = createSafeFetch({ allowPrivateNetwork: false })
    const error = await fetchLinkPreview(`${base}/article`, guarded).catch((e: Error) => e)
    expect(error).toBeInstanceOf(LinkPreviewError)
    expect((error as Error).message).toMatch(/private or reserved/)
  })

  it('say a redirect to a loopback address was refused, without the page behind it', async () => {
    // The test server stands in for a public host under its name; by IP it is checked.
    const guarded = createSafeFetch({
      allowPrivateNetwork: false,
      trustedPeers: [`localhost:${port}`],
    })
    const start = `http://localhost:${port}/to/${encodeURIComponent(`http://2130706433:${port}/article`)}`
    const error = await fetchLinkPreview(start, guarded).catch((e: Error) => e)
    expect(error).toBeInstanceOf(LinkPreviewError)
    expect((error as Error).message).toBe(
      `${start} could not be previewed: it leads to 127.0.0.1, a private or reserved address; Sous only fetches public addresses`,
    )
  })

  it('say the page took too long, was too large or could not be reached', async () => {
    const impatient = createSafeFetch({ allowPrivateNetwork: true, timeoutMs: 300 })
    const late = await fetchLinkPreview(`${base}/slow`, impatient).catch((e: Error) => e)
    expect((late as Error).message).toBe(
      `${base}/slow could not be previewed: it did not answer in time`,
    )

    const big = await fetchLinkPreview(`${base}/huge`, open).catch((e: Error) => e)
    expect((big as Error).message).toBe(
      `${base}/huge could not be previewed: the page is larger than 10485760 bytes`,
    )

    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const nobody = `http://127.0.0.1:${(closed.address() as AddressInfo).port}/`
    await new Promise((resolve) => closed.close(resolve))
    const refused = await fetchLinkPreview(nobody, open).catch((e: Error) => e)
    expect(refused).toBeInstanceOf(LinkPreviewError)
    expect((refused as Error).message).toBe(
      `${nobody} could not be previewed: the server refused the connection`,
    )
  })

  it('say which status a page answered', async () => {
    const error = await fetchLinkPreview(`${base}/gone`, open).catch((e: Error) => e)
    expect((error as Error).message).toBe(
      `${base}/gone could not be previewed: it answered 404 Not Found`,
    )
  })
})
