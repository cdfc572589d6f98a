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
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/article') {
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
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
})
afterAll(async () => {
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
    await expect(fetchLinkPreview(`${base}/gone`, open)).rejects.toThrow(/answered 404/)
  })

  it('go through the SSRF guard: a private address is refused', async () => {
    const guarded = createSafeFetch({ allowPrivateNetwork: false })
    const error = await fetchLinkPreview(`${base}/article`, guarded).catch((e: Error) => e)
    expect(error).toBeInstanceOf(LinkPreviewError)
    expect((error as Error).message).toMatch(/private or reserved/)
  })
})
