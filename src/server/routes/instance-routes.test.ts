import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

describe('the instance-wide brake belongs to instance administrators', () => {
  it('a person who owns a workspace of their own can neither release nor pull it', async () => {
    const pulled = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'instance', reason: 'Crisis: hold everything' },
    })
    expect(pulled.status).toBe(201)

    const analyst = await t.member(owner.workspace.id, 'analyst')
    const own = await t.request('POST', '/api/v1/workspaces', {
      cookie: analyst.cookie,
      body: { name: 'My own' },
    })
    expect(own.status).toBe(201)
    const release = await t.request('DELETE', `/api/v1/brake/${pulled.json.id}`, {
      cookie: analyst.cookie,
    })
    expect(release.status).toBe(403)
    expect(release.json.detail).toMatch(/instance administrator/)
    const engage = await t.request('POST', '/api/v1/brake', {
      cookie: analyst.cookie,
      body: { scope: 'instance', reason: 'over every tenant' },
    })
    expect(engage.status).toBe(403)
    const still = await t.request('GET', '/api/v1/brake', { cookie: owner.cookie })
    expect(still.json.items.map((b: { id: string }) => b.id)).toEqual([pulled.json.id])

    const released = await t.request('DELETE', `/api/v1/brake/${pulled.json.id}`, {
      cookie: owner.cookie,
    })
    expect(released.status).toBe(200)
  })

  it('instance events are read by instance administrators only, not in workspace logs', async () => {
    const log = await t.request('GET', '/api/v1/instance/audit?limit=200', { cookie: owner.cookie })
    expect(log.status).toBe(200)
    const actions = log.json.items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['brake.engaged', 'brake.released', 'login']))
    expect(log.json).toHaveProperty('next')

    const admin = await t.member(owner.workspace.id, 'admin')
    const refused = await t.request('GET', '/api/v1/instance/audit', { cookie: admin.cookie })
    expect(refused.status).toBe(403)
    const workspaceLog = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/audit`, {
      cookie: admin.cookie,
    })
    expect(workspaceLog.status).toBe(200)
    const seen = workspaceLog.json.items.map((e: { action: string }) => e.action)
    expect(seen).not.toContain('login')
    expect(seen).not.toContain('brake.engaged')
  })

  it('administrators name others; the last one cannot step down', async () => {
    const editor = await t.member(owner.workspace.id, 'editor')
    const named = await t.request('POST', '/api/v1/instance/admins', {
      cookie: owner.cookie,
      body: { email: editor.user.email },
    })
    expect(named.status).toBe(200)
    const editorCookie = await t.login(editor.user.email)
    const listed = await t.request('GET', '/api/v1/instance/admins', { cookie: editorCookie })
    expect(listed.json.items).toHaveLength(2)
    expect(
      (
        await t.request('DELETE', `/api/v1/instance/admins/${owner.user.id}`, {
          cookie: editorCookie,
        })
      ).status,
    ).toBe(200)
    const last = await t.request('DELETE', `/api/v1/instance/admins/${editor.user.id}`, {
      cookie: editorCookie,
    })
    expect(last.status).toBe(409)
    expect(last.json.detail).toMatch(/at least one administrator/)
    const ownerNow = await t.request('GET', '/api/v1/instance/admins', { cookie: owner.cookie })
    expect(ownerNow.status).toBe(403)
  })
})
