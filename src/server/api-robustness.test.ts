import fc from 'fast-check'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import { MAX_BODY_BYTES } from './app.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

describe('bad requests', () => {
  it('malformed JSON is a 400 problem', async () => {
    const res = await t.request('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      rawBody: '{"name": "x",',
    })
    expect(res.status).toBe(400)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.json).toMatchObject({ status: 400, title: 'Bad request' })
    expect(res.json.detail).toMatch(/JSON/i)
  })

  it('unknown fields and wrong types are a 400 problem naming the fields', async () => {
    const res = await t.request('POST', '/api/v1/tokens', {
      cookie: owner.cookie,
      body: { name: 42, workspaceId: owner.workspace.id, admin: true },
    })
    expect(res.status).toBe(400)
    const fields = res.json.errors.map((e: { field: string }) => e.field)
    expect(fields).toEqual(expect.arrayContaining(['name', 'admin']))
    expect(res.json.detail).toContain('name')
  })

  it('a body over the size limit is a 413 problem', async () => {
    const res = await t.request('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      rawBody: JSON.stringify({ name: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    })
    expect(res.status).toBe(413)
    expect(res.json.detail).toMatch(/limited to/)
  })

  it('an unknown route is a 404 problem', async () => {
    const res = await t.request('GET', '/api/v1/nothing-here')
    expect(res.status).toBe(404)
    expect(res.json.detail).toContain('/api/v1/nothing-here')
  })

  it('no generated request makes the server fail with a 500', async () => {
    const paths = [
      '/api/v1/auth/login',
      '/api/v1/workspaces',
      '/api/v1/tokens',
      `/api/v1/workspaces/${owner.workspace.id}`,
      `/api/v1/workspaces/${owner.workspace.id}/invitations`,
      `/api/v1/workspaces/${owner.workspace.id}/members/${owner.user.id}`,
      `/api/v1/workspaces/${owner.workspace.id}/audit?limit=`,
      '/api/v1/invitations/sous_inv_nope/accept',
    ]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...paths),
        fc.constantFrom('POST', 'PATCH', 'GET', 'DELETE'),
        fc.oneof(
          fc.json(),
          fc.string(),
          fc.jsonValue().map((v) => JSON.stringify(v)),
        ),
        fc.boolean(),
        async (path, method, rawBody, withCookie) => {
          const res = await t.request(method, path, {
            rawBody: method === 'GET' ? undefined : rawBody,
            cookie: withCookie ? owner.cookie : undefined,
          })
          expect(res.status, `${method} ${path} ${rawBody}`).toBeLessThan(500)
          if (res.status >= 400)
            expect(res.headers.get('content-type')).toContain('application/problem+json')
        },
      ),
      { numRuns: 150 },
    )
  })
})

describe('browser safety', () => {
  it('refuses a cookie-authenticated write from another origin', async () => {
    const res = await t.request('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      body: { name: 'Evil' },
      headers: { origin: 'https://evil.example' },
    })
    expect(res.status).toBe(403)
    expect(res.json.detail).toMatch(/Cross-site/)
    const same = await t.request('POST', '/api/v1/workspaces', {
      cookie: owner.cookie,
      body: { name: 'Fine' },
      headers: { origin: 'http://sous.test' },
    })
    expect(same.status).toBe(201)
  })

  it('refuses it whatever other Authorization header comes along', async () => {
    for (const authorization of ['Basic dXNlcjpwYXNz', 'Bearer not-a-real-token', 'Digest x']) {
      const res = await t.request('POST', '/api/v1/workspaces', {
        cookie: owner.cookie,
        body: { name: 'Evil' },
        headers: { origin: 'https://evil.example', authorization },
      })
      expect(res.status, authorization).toBe(403)
    }
  })

  it('sets security headers', async () => {
    const res = await t.request('GET', '/healthz')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN')
    expect(res.headers.get('strict-transport-security')).toBeTruthy()
  })
})

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and covers every route', async () => {
    const res = await t.request('GET', '/api/openapi.json')
    expect(res.status).toBe(200)
    expect(res.json.openapi).toBe('3.1.0')
    const documented = new Set<string>()
    for (const [path, item] of Object.entries(res.json.paths as Record<string, object>)) {
      for (const method of Object.keys(item)) documented.add(`${method.toUpperCase()} ${path}`)
    }
    const routes = [...t.accessTable.keys()].filter((key) => key !== 'GET /api/openapi.json')
    expect(routes.filter((key) => !documented.has(key))).toEqual([])
    expect(res.json.paths['/api/v1/auth/login'].post.requestBody).toBeTruthy()
  })
})
