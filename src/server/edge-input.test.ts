import http from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import { listenHttp } from '../runtime/listen-http.ts'
import { MAX_BODY_BYTES } from './app.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

describe('text PostgreSQL cannot store', () => {
  const bad = ['a\u0000b', 'lone \uD800 high', 'lone \uDC00 low']

  it('is refused at the edge with a 400 naming the field, on any route', async () => {
    const cases: Array<[string, string, unknown, string]> = [
      ['POST', '/api/v1/auth/login', { email: bad[0], password: 'x' }, 'email'],
      ['POST', '/api/v1/workspaces', { name: bad[1] }, 'name'],
      ['POST', '/api/v1/tokens', { name: bad[2], workspaceId: owner.workspace.id }, 'name'],
      ['POST', '/api/v1/brake', { scope: 'instance', reason: bad[0] }, 'reason'],
      [
        'POST',
        `${ws()}/posts`,
        { variants: [{ accountId: owner.workspace.id, text: 'ok', thread: [{ text: bad[1] }] }] },
        'variants.0.thread.0.text',
      ],
      ['PATCH', '/api/v1/me', { name: bad[2] }, 'name'],
    ]
    for (const [method, path, body, field] of cases) {
      const res = await t.request(method, path, { cookie: owner.cookie, body })
      expect(res.status, `${method} ${path}`).toBe(400)
      expect(res.json.errors, `${method} ${path}`).toEqual([
        { field, message: expect.stringMatching(/NUL|unpaired/) },
      ])
      expect(res.json.type).toBe('https://sous.dev/problems/invalid-request')
    }
  })

  it('in a query parameter too', async () => {
    const res = await t.request('GET', `${ws()}/audit?before=1%00`, { cookie: owner.cookie })
    expect(res.status).toBe(400)
    expect(res.json.errors[0].field).toBe('query.before')
  })
})

describe('what the HTTP layer refuses', () => {
  it('a body that is not JSON is a 415 that says to send JSON', async () => {
    const res = await t.request('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      rawBody: 'name=x',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    })
    expect(res.status).toBe(415)
    expect(res.json.detail).toMatch(/Content-Type: application\/json/)
  })

  it('every problem type is one kebab-case spelling', async () => {
    const answers = await Promise.all([
      t.request('GET', '/api/v1/nothing-here'),
      t.request('GET', `${ws()}/posts/00000000-0000-4000-8000-000000000000`, {
        cookie: owner.cookie,
      }),
      t.request('POST', '/api/v1/workspaces', { cookie: owner.cookie, body: { name: 1 } }),
      t.request('POST', '/api/v1/workspaces', { cookie: owner.cookie, body: { name: '  ' } }),
      t.request('GET', '/api/v1/me'),
    ])
    for (const res of answers) {
      expect(res.json.type).toMatch(/^https:\/\/sous\.dev\/problems\/[a-z0-9]+(-[a-z0-9]+)*$/)
      expect(res.json).not.toHaveProperty('code')
    }
  })

  it('after a 413 the client’s next request on a keep-alive agent still works', async () => {
    const server = await listenHttp({ host: '127.0.0.1', port: 0, fetch: t.app.fetch })
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 })
    const send = (body: string) =>
      new Promise<number>((resolve, reject) => {
        const req = http.request(
          `${server.url}/api/v1/auth/login`,
          { method: 'POST', agent, headers: { 'content-type': 'application/json' } },
          (res) => {
            res.resume()
            res.on('end', () => resolve(res.statusCode ?? 0))
          },
        )
        req.on('error', reject)
        req.end(body)
      })
    try {
      expect(
        await send(JSON.stringify({ email: 'x'.repeat(MAX_BODY_BYTES * 2), password: 'x' })),
      ).toBe(413)
      expect(await send(JSON.stringify({ email: 'a@b.co', password: 'wrong one' }))).toBe(401)
    } finally {
      agent.destroy()
      await server.close(100)
    }
  })
})
