import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { gzipSync } from 'node:zlib'
import { Hono } from 'hono'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/app.ts'
import { classifyWebPath, createWebHandler } from './serve-web.ts'

let webDir: string
let web: Hono
beforeAll(() => {
  webDir = mkdtempSync(path.join(os.tmpdir(), 'sous-web-'))
  mkdirSync(path.join(webDir, 'assets'))
  writeFileSync(
    path.join(webDir, 'index.html'),
    '<meta property="csp-nonce" nonce="SOUS_CSP_NONCE"><script type="module" src="/assets/app-abc123.js" nonce="SOUS_CSP_NONCE"></script>',
  )
  const script = 'console.log("sous")'.repeat(100)
  writeFileSync(path.join(webDir, 'assets/app-abc123.js'), script)
  writeFileSync(path.join(webDir, 'assets/app-abc123.js.gz'), gzipSync(script))
  writeFileSync(path.join(webDir, 'favicon.svg'), '<svg/>')
  writeFileSync(path.join(webDir, '.stamp'), 'secret-ish')
  const handler = createWebHandler({ webDir })
  web = new Hono()
  web.notFound((c) => handler(c) ?? c.text('not the UI', 404))
})
afterAll(() => rmSync(webDir, { recursive: true, force: true }))

describe('serving the web UI', () => {
  it('answers every page path with index.html, never cached, with a fresh CSP nonce each time', async () => {
    const first = await web.request('/w/123/calendar')
    const second = await web.request('/')
    expect(first.status).toBe(200)
    expect(first.headers.get('cache-control')).toBe('no-cache')
    const csp = first.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
    const nonce = csp.match(/'nonce-([^']+)'/)?.[1]
    expect(nonce).toBeTruthy()
    const html = await first.text()
    expect(html).toContain(`nonce="${nonce}"`)
    expect(html).not.toContain('SOUS_CSP_NONCE')
    expect(second.headers.get('content-security-policy')).not.toContain(nonce)
  })

  it('sends hashed files for a year, compressed when the browser takes it', async () => {
    const res = await web.request('/assets/app-abc123.js', {
      headers: { 'accept-encoding': 'gzip, deflate' },
    })
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('content-type')).toContain('text/javascript')
    expect(res.headers.get('vary')).toBe('Accept-Encoding')
    const plain = await web.request('/assets/app-abc123.js')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect((await plain.text()).startsWith('console.log')).toBe(true)
    expect((await web.request('/favicon.svg')).headers.get('cache-control')).toBe('no-cache')
  })

  it('answers a missing file with 404, not with the app, and never reads outside its folder or dotfiles', async () => {
    expect((await web.request('/assets/gone-000.js')).status).toBe(404)
    expect((await web.request('/robots.txt')).status).toBe(404)
    expect((await web.request('/.stamp')).status).toBe(404)
    expect((await web.request('/assets/..%2f..%2fpackage.json')).status).toBe(404)
  })

  it('leaves the API, health probes, short links and feedback pages to the server', async () => {
    for (const pathname of ['/api', '/api/v1/nothing', '/healthz', '/readyz', '/l/abc', '/f/xyz'])
      expect(classifyWebPath(pathname), pathname).toBe('server')
    expect(classifyWebPath('/login')).toBe('page')
    expect(classifyWebPath('/invite/abc')).toBe('page')
    expect(classifyWebPath('/lists')).toBe('page')
    expect(classifyWebPath('/assets/x.js')).toBe('file')
    const post = await web.request('/login', { method: 'POST' })
    expect(await post.text()).toBe('not the UI')
  })

  it('says how to build it when it is not built', async () => {
    const handler = createWebHandler({ webDir: path.join(webDir, 'nothing-here') })
    const app = new Hono()
    app.notFound((c) => handler(c) ?? c.text('no', 404))
    const res = await app.request('/')
    expect(res.status).toBe(503)
    expect(await res.text()).toContain('npm run build')
  })
})

describe('the web UI in the app', () => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp()
  })
  afterAll(() => t.close())

  it('keeps unknown API paths a problem+json 404, and serves pages to anyone', async () => {
    const api = await t.request('GET', '/api/v1/nothing')
    expect(api.status).toBe(404)
    expect(api.headers.get('content-type')).toContain('application/problem+json')
    const page = await t.request('GET', '/w/anything/compose')
    // 200 with the built UI, 503 saying how to build it otherwise: never a 401 or an API 404.
    expect([200, 503]).toContain(page.status)
    expect(page.headers.get('content-type')).toContain('text/html')
    expect(page.headers.get('x-content-type-options')).toBe('nosniff')
  })
})
