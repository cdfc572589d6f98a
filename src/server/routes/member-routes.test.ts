import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { PASSWORD, startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'

let t: TestApp
let owner: TestOwner
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
})
afterAll(() => t.close())

const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

describe('invitations', () => {
  it('let a new person join with the invited role through the link', async () => {
    const invite = await t.request('POST', `${ws()}/invitations`, {
      cookie: owner.cookie,
      body: { email: 'Editor@Example.com', role: 'editor' },
    })
    expect(invite.status).toBe(201)
    // The link the admin sends opens the web UI's invitation page, which reads what it is for.
    expect(invite.json.url).toBe(`http://sous.test/invite/${invite.json.token}`)
    const seen = await t.request('GET', `/api/v1/invitations/${invite.json.token}`)
    expect(seen.status).toBe(200)
    expect(seen.json).toMatchObject({
      workspaceName: 'Acme',
      email: 'editor@example.com',
      role: 'editor',
    })

    const accept = await t.request('POST', `/api/v1/invitations/${invite.json.token}/accept`, {
      body: { password: PASSWORD, name: 'Eda' },
    })
    expect(accept.status).toBe(200)
    const cookie = await t.login('editor@example.com')
    const me = await t.request('GET', '/api/v1/me', { cookie })
    expect(me.json.workspaces).toEqual([
      expect.objectContaining({ id: owner.workspace.id, role: 'editor' }),
    ])

    const reuse = await t.request('POST', `/api/v1/invitations/${invite.json.token}/accept`, {
      body: { password: PASSWORD },
    })
    expect(reuse.status).toBe(404)
  })

  it('refuse to be accepted by someone logged in with another email', async () => {
    const invite = await t.request('POST', `${ws()}/invitations`, {
      cookie: owner.cookie,
      body: { email: 'right@example.com', role: 'analyst' },
    })
    const wrong = await t.member(owner.workspace.id, 'contributor')
    const res = await t.request('POST', `/api/v1/invitations/${invite.json.token}/accept`, {
      cookie: wrong.cookie,
      body: {},
    })
    expect(res.status).toBe(403)
    expect(res.json.detail).toMatch(/right@example.com/)
  })

  it('expire', async () => {
    const invite = await t.request('POST', `${ws()}/invitations`, {
      cookie: owner.cookie,
      body: { email: 'late@example.com', role: 'analyst' },
    })
    await t.database.pool.query(
      `update invitations set expires_at = now() - interval '1 minute' where email = 'late@example.com'`,
    )
    const res = await t.request('POST', `/api/v1/invitations/${invite.json.token}/accept`, {
      body: { password: PASSWORD },
    })
    expect(res.status).toBe(404)
    expect(res.json.detail).toMatch(/expired/)
  })

  it('cannot hand out ownership unless an owner sends them', async () => {
    const admin = await t.member(owner.workspace.id, 'admin')
    const res = await t.request('POST', `${ws()}/invitations`, {
      cookie: admin.cookie,
      body: { email: 'boss@example.com', role: 'owner' },
    })
    expect(res.status).toBe(403)
  })
})

describe('members and roles', () => {
  it('lists members, changes roles and removes members, all audited', async () => {
    const person = await t.member(owner.workspace.id, 'analyst', 'ana@example.com')
    const promote = await t.request('PATCH', `${ws()}/members/${person.user.id}`, {
      cookie: owner.cookie,
      body: { role: 'editor' },
    })
    expect(promote.status).toBe(200)
    const members = await t.request('GET', `${ws()}/members`, { cookie: owner.cookie })
    expect(members.json.items).toContainEqual(
      expect.objectContaining({ email: 'ana@example.com', role: 'editor' }),
    )

    const remove = await t.request('DELETE', `${ws()}/members/${person.user.id}`, {
      cookie: owner.cookie,
    })
    expect(remove.status).toBe(204)
    expect((await t.request('GET', ws(), { cookie: person.cookie })).status).toBe(404)

    const audit = await t.request('GET', `${ws()}/audit`, { cookie: owner.cookie })
    const actions = audit.json.items.map((e: { action: string }) => e.action)
    expect(actions).toEqual(
      expect.arrayContaining([
        'membership.role_changed',
        'membership.removed',
        'invitation.created',
      ]),
    )
  })

  it('never removes the last owner', async () => {
    const res = await t.request('PATCH', `${ws()}/members/${owner.user.id}`, {
      cookie: owner.cookie,
      body: { role: 'admin' },
    })
    expect(res.status).toBe(403)
    expect(res.json.detail).toMatch(/at least one owner/)
  })
})

describe('audit log', () => {
  it('is newest first and pages with `before`', async () => {
    for (let i = 0; i < 5; i++) {
      await t.request('PATCH', ws(), { cookie: owner.cookie, body: { name: `Acme ${i}` } })
    }
    const first = await t.request('GET', `${ws()}/audit?limit=3`, { cookie: owner.cookie })
    expect(first.json.items.map((e: { data: { name?: string } }) => e.data.name)).toEqual([
      'Acme 4',
      'Acme 3',
      'Acme 2',
    ])
    const next = await t.request('GET', `${ws()}/audit?limit=3&before=${first.json.next}`, {
      cookie: owner.cookie,
    })
    expect(next.json.items[0].data.name).toBe('Acme 1')
    const ids = [...first.json.items, ...next.json.items].map((e: { id: number }) => e.id)
    expect([...ids].sort((a, b) => b - a)).toEqual(ids)
  })

  it('shows only what happened in the workspace, not its members’ logins elsewhere', async () => {
    await t.request('POST', '/api/v1/auth/login', {
      body: { email: 'owner@example.com', password: 'nope nope' },
    })
    const audit = await t.request('GET', `${ws()}/audit?limit=200`, { cookie: owner.cookie })
    const actions = audit.json.items.map((e: { action: string }) => e.action)
    expect(actions).toContain('workspace.created')
    expect(actions).not.toContain('login')
    expect(actions).not.toContain('login.failed')
  })
})
