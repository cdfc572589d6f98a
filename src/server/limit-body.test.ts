import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../test/app.ts'
import { listenHttp } from '../runtime/listen-http.ts'
import { MAX_BODY_BYTES } from './app.ts'

// Over a real listener: @hono/node-server's request, where a declared length is checked from
// its header and a chunked body as it streams in (limit-body.ts).
let t: TestApp
let server: Awaited<ReturnType<typeof listenHttp>>
beforeAll(async () => {
  t = await createTestApp()
  server = await listenHttp({ host: '127.0.0.1', port: 0, fetch: t.app.fetch })
})
afterAll(async () => {
  await server.close(100)
  await t.close()
})

function login(parts: string[], chunked: boolean) {
  const length = parts.reduce((n, p) => n + Buffer.byteLength(p), 0)
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = http.request(
      `${server.url}/api/v1/auth/login`,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(chunked ? {} : { 'content-length': String(length) }),
        },
      },
      (res) => {
        let body = ''
        res.on('data', (chunk) => {
          body += chunk
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
    for (const part of parts) req.write(part)
    req.end()
  })
}

const credentials = (email: string) => [
  '{"email": ',
  JSON.stringify(email),
  ', "password": "wrong one"}',
]

describe('the request body limit', () => {
  it('refuses a declared length over the limit, and reads one under it', async () => {
    const over = await login(credentials('x'.repeat(MAX_BODY_BYTES)), false)
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body).detail).toMatch(/limited to/)
    expect((await login(credentials('a@b.co'), false)).status).toBe(401)
  })

  it('refuses a chunked body once it passes the limit, and reads one under it', async () => {
    const over = await login(credentials('x'.repeat(MAX_BODY_BYTES)), true)
    expect(over.status).toBe(413)
    expect(JSON.parse(over.body).detail).toMatch(/limited to/)
    expect((await login(credentials('a@b.co'), true)).status).toBe(401)
  })
})
