import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../../../test/app.ts'

let t: TestApp
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let token: string
let otherTokenId: string
beforeAll(async () => {
  t = await createTestApp()
  owner = await t.setupOwner()
  const side = await t.otherWorkspace(owner.user.id, 'Side')
  const mine = await t.request('POST', '/api/v1/tokens', {
    cookie: owner.cookie,
    body: { name: 'acme bot', workspaceId: owner.workspace.id },
  })
  token = mine.json.token
  const other = await t.request('POST', '/api/v1/tokens', {
    cookie: owner.cookie,
    body: { name: 'side bot', workspaceId: side.id },
  })
  otherTokenId = other.json.id
})
afterAll(async () => {
  await t.close()
})

describe('a personal API token does only what its one workspace allows', () => {
  it('sees and revokes only tokens of its own workspace', async () => {
    const listed = await t.request('GET', '/api/v1/tokens', { token })
    expect(listed.status).toBe(200)
    expect(listed.json.items.map((i: { name: string }) => i.name)).toEqual(['acme bot'])
    const revoke = await t.request('DELETE', `/api/v1/tokens/${otherTokenId}`, { token })
    expect(revoke.status).toBe(404)
    const stillThere = await t.request('GET', '/api/v1/tokens', { cookie: owner.cookie })
    expect(
      stillThere.json.items.find((i: { id: string }) => i.id === otherTokenId).revokedAt,
    ).toBeNull()
  })

  it('cannot end the person’s browser sessions, change their password or make workspaces', async () => {
    const logout = await t.request('POST', '/api/v1/auth/logout', {
      token,
      body: { everywhere: true },
    })
    expect(logout.status).toBe(403)
    expect(logout.json.detail).toMatch(/own workspace only/)
    const me = await t.request('GET', '/api/v1/me', { cookie: owner.cookie })
    expect(me.status).toBe(200)
    for (const [method, path, body] of [
      ['PATCH', '/api/v1/me', { name: 'Mallory' }],
      ['POST', '/api/v1/workspaces', { name: 'Token-made' }],
      ['POST', '/api/v1/tokens', { name: 'child', workspaceId: owner.workspace.id }],
    ] as const) {
      const res = await t.request(method, path, { token, body })
      expect(res.status, `${method} ${path}`).toBe(403)
    }
  })
})
