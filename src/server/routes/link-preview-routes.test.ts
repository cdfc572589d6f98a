import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'

let server: http.Server
let page: string
let open: TestApp
let guarded: TestApp
let openOwner: Awaited<ReturnType<TestApp['setupOwner']>>
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/gone') {
      res.writeHead(410)
      res.end('internal stack trace')
      return
    }
    res.writeHead(200, { 'content-type': 'text/html' })
    res.end('<html><head><meta property="og:title" content="Fresh bread"></head></html>')
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  page = `http://127.0.0.1:${(server.address() as AddressInfo).port}/post`
  open = await createTestApp({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } })
  guarded = await createTestApp()
  openOwner = await open.setupOwner()
})
afterAll(async () => {
  await open?.close()
  await guarded?.close()
  await new Promise((resolve) => server.close(resolve))
})

describe('link preview', () => {
  it('shows a contributor the card a link will get', async () => {
    const owner = openOwner
    const contributor = await open.member(owner.workspace.id, 'contributor')
    const res = await open.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/link-preview`,
      {
        cookie: contributor.cookie,
        body: { url: page },
      },
    )
    expect(res.status).toBe(200)
    expect(res.json).toEqual({
      url: page,
      title: 'Fresh bread',
      description: null,
      image: null,
      imageUrl: null,
    })
  })

  it('refuses a private address with a problem that says so', async () => {
    const owner = await guarded.setupOwner()
    const res = await guarded.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/link-preview`,
      {
        cookie: owner.cookie,
        body: { url: page },
      },
    )
    expect(res.status).toBe(422)
    expect(res.json.detail).toMatch(/private or reserved/)
  })

  it('says why a page gave no card, in words and without internals', async () => {
    const owner = openOwner
    const gone = page.replace('/post', '/gone')
    const res = await open.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/link-preview`,
      { cookie: owner.cookie, body: { url: gone } },
    )
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toBe('application/problem+json')
    expect(res.json.detail).toBe(`${gone} could not be previewed: it answered 410 Gone`)
    expect(res.json.errors).toEqual([{ field: 'url', message: 'it answered 410 Gone' }])
  })
})
