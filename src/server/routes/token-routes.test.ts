import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { apiTokens } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

describe('personal API tokens', () => {
  it('are shown once, stored hashed, and authenticate as Bearer in their workspace', async () => {
    const created = await t.request('POST', '/api/v1/tokens', {
      cookie: owner.cookie,
      body: { name: 'CI deploys', workspaceId: owner.workspace.id },
    })
    expect(created.status).toBe(201)
    const token: string = created.json.token
    expect(token).toMatch(/^sous_pat_/)

    const raw = await t.database.db.select().from(apiTokens)
    expect(JSON.stringify(raw)).not.toContain(token)

    const list = await t.request('GET', '/api/v1/tokens', { cookie: owner.cookie })
    expect(list.json.items).toEqual([
      expect.objectContaining({ name: 'CI deploys', revokedAt: null }),
    ])
    expect(list.text).not.toContain(token)

    const me = await t.request('GET', '/api/v1/me', { token })
    expect(me.status).toBe(200)
    expect(me.json.via).toBe('token')
    const ws = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}`, { token })
    expect(ws.status).toBe(200)
    expect(ws.json.role).toBe('owner')
  })

  it('cannot reach another workspace of the same person, nor mint tokens', async () => {
    const other = await t.otherWorkspace(owner.user.id, 'Second brand')
    const { json } = await t.request('POST', '/api/v1/tokens', {
      cookie: owner.cookie,
      body: { name: 'scoped', workspaceId: owner.workspace.id },
    })
    const res = await t.request('GET', `/api/v1/workspaces/${other.id}`, { token: json.token })
    expect(res.status).toBe(403)
    expect(res.json.detail).toMatch(/its own workspace only/)
    const listed = await t.request('GET', '/api/v1/workspaces', { token: json.token })
    expect(listed.json.items.map((w: { id: string }) => w.id)).toEqual([owner.workspace.id])
    const mint = await t.request('POST', '/api/v1/tokens', {
      token: json.token,
      body: { name: 'child', workspaceId: owner.workspace.id },
    })
    expect(mint.status).toBe(403)
  })

  it('stop working once revoked', async () => {
    const { json } = await t.request('POST', '/api/v1/tokens', {
      cookie: owner.cookie,
      body: { name: 'short-lived', workspaceId: owner.workspace.id },
    })
    expect((await t.request('GET', '/api/v1/me', { token: json.token })).status).toBe(200)
    const revoke = await t.request('DELETE', `/api/v1/tokens/${json.id}`, { cookie: owner.cookie })
    expect(revoke.status).toBe(204)
    expect((await t.request('GET', '/api/v1/me', { token: json.token })).status).toBe(401)
    const again = await t.request('DELETE', `/api/v1/tokens/${json.id}`, { cookie: owner.cookie })
    expect(again.status).toBe(404)
  })

  it('are only made for workspaces the person belongs to', async () => {
    const stranger = await t.member(owner.workspace.id, 'analyst')
    const elsewhere = await t.otherWorkspace(owner.user.id, 'Private')
    const res = await t.request('POST', '/api/v1/tokens', {
      cookie: stranger.cookie,
      body: { name: 'sneaky', workspaceId: elsewhere.id },
    })
    expect(res.status).toBe(403)
    expect(res.json.detail).toMatch(/not a member/)
  })
})
