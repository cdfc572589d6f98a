import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { accounts } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

describe('the brake', () => {
  it('an editor stops a workspace; only an admin resumes it; both are audited', async () => {
    const editor = await t.member(owner.workspace.id, 'editor')
    const engaged = await t.request('POST', '/api/v1/brake', {
      cookie: editor.cookie,
      body: {
        scope: 'workspace',
        workspaceId: owner.workspace.id,
        reason: 'News broke: hold everything',
      },
    })
    expect(engaged.status).toBe(201)
    expect(engaged.json).toMatchObject({
      scope: 'workspace',
      reason: 'News broke: hold everything',
      releasedAt: null,
    })

    const listed = await t.request('GET', '/api/v1/brake', { cookie: owner.cookie })
    expect(listed.json.items.map((b: { id: string }) => b.id)).toEqual([engaged.json.id])

    const editorRelease = await t.request('DELETE', `/api/v1/brake/${engaged.json.id}`, {
      cookie: editor.cookie,
    })
    expect(editorRelease.status).toBe(403)
    expect(editorRelease.json.detail).toMatch(/admin role/)

    const released = await t.request('DELETE', `/api/v1/brake/${engaged.json.id}`, {
      cookie: owner.cookie,
    })
    expect(released.status).toBe(200)
    expect(released.json.releasedAt).not.toBeNull()
    expect((await t.request('GET', '/api/v1/brake', { cookie: owner.cookie })).json.items).toEqual(
      [],
    )
    expect(
      (await t.request('DELETE', `/api/v1/brake/${engaged.json.id}`, { cookie: owner.cookie }))
        .status,
    ).toBe(404)

    const audit = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/audit`, {
      cookie: owner.cookie,
    })
    const actions = audit.json.items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['brake.engaged', 'brake.released']))
  })

  it('contributors and analysts cannot pull it', async () => {
    for (const role of ['contributor', 'analyst'] as const) {
      const person = await t.member(owner.workspace.id, role)
      const res = await t.request('POST', '/api/v1/brake', {
        cookie: person.cookie,
        body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'x' },
      })
      expect(res.status).toBe(403)
    }
  })

  it('stops one account, found through its workspace', async () => {
    const accountId = randomUUID()
    await t.database.db.insert(accounts).values({
      id: accountId,
      workspaceId: owner.workspace.id,
      network: 'bluesky',
      networkAccountId: 'did:plc:example',
      handle: 'brand.example',
      url: 'https://bsky.app/profile/brand.example',
      service: 'https://pds.example',
      credentials: 'sealed',
    })
    const res = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'account', accountId, reason: 'Password leaked' },
    })
    expect(res.status).toBe(201)
    expect(res.json).toMatchObject({ scope: 'account', accountId, workspaceId: owner.workspace.id })
    await t.request('DELETE', `/api/v1/brake/${res.json.id}`, { cookie: owner.cookie })
  })

  it('the instance brake shows in every workspace; another workspace’s brakes do not', async () => {
    const outsider = await t.member(owner.workspace.id, 'analyst')
    const elsewhere = await t.otherWorkspace(outsider.user.id, 'Side project')
    const theirs = await t.request('POST', '/api/v1/brake', {
      cookie: outsider.cookie,
      body: { scope: 'workspace', workspaceId: elsewhere.id, reason: 'their own pause' },
    })
    expect(theirs.status).toBe(201)
    const instance = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'instance', reason: 'Crisis' },
    })
    expect(instance.status).toBe(201)
    const seen = await t.request('GET', '/api/v1/brake', { cookie: owner.cookie })
    expect(seen.json.items.map((b: { scope: string }) => b.scope)).toEqual(['instance'])
    const theirView = await t.request('GET', '/api/v1/brake', { cookie: outsider.cookie })
    expect(theirView.json.items.map((b: { scope: string }) => b.scope)).toEqual([
      'instance',
      'workspace',
    ])
  })

  it('says what is missing, and keeps API tokens to their workspace', async () => {
    const missing = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'workspace', reason: 'x' },
    })
    expect(missing.status).toBe(422)
    expect(missing.json.errors).toEqual([
      { field: 'workspaceId', message: 'required for scope workspace' },
    ])
    const { json } = await t.request('POST', '/api/v1/tokens', {
      cookie: owner.cookie,
      body: { name: 'bot', workspaceId: owner.workspace.id },
    })
    const instance = await t.request('POST', '/api/v1/brake', {
      token: json.token,
      body: { scope: 'instance', reason: 'x' },
    })
    expect(instance.status).toBe(403)
    const own = await t.request('POST', '/api/v1/brake', {
      token: json.token,
      body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'from the pager' },
    })
    expect(own.status).toBe(201)
  })
})
