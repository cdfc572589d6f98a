import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestApp, PASSWORD, type TestApp } from '../../../test/app.ts'

// Each attempt from its own address, so only the per-email lock is at work here.
let t: TestApp
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let ips = 0
const nextIp = () => `198.51.100.${++ips}`
const attempt = (email: string, password: string) =>
  t.request('POST', '/api/v1/auth/login', { body: { email, password }, ip: nextIp() })

beforeAll(async () => {
  t = await createTestApp()
  owner = await t.setupOwner('owner@example.com')
})
afterAll(async () => {
  await t.close()
})

describe('a burst of simultaneous logins for one email', () => {
  it('checks at most five of them and locks the email for the rest and after', async () => {
    const attempts = Array.from({ length: 40 }, (_, i) =>
      attempt('owner@example.com', i === 20 ? PASSWORD : `wrong guess ${i}`),
    )
    const statuses = (await Promise.all(attempts)).map((res) => res.status)
    expect(statuses.filter((status) => status !== 429).length).toBeLessThanOrEqual(5)
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(35)
    expect((await attempt('owner@example.com', 'wrong again')).status).toBe(429)
    expect((await attempt('owner@example.com', PASSWORD)).status).toBe(429)
  })
})

describe('an admin unlocking a locked login', () => {
  it('lets the member log in again at once, and is audited in the workspace', async () => {
    const editor = await t.member(owner.workspace.id, 'editor')
    for (let i = 0; i < 5; i++) await attempt(editor.user.email, 'not it')
    expect((await attempt(editor.user.email, PASSWORD)).status).toBe(429)

    const admin = await t.member(owner.workspace.id, 'admin')
    const path = `/api/v1/workspaces/${owner.workspace.id}/members/${editor.user.id}/unlock-login`
    const byEditor = await t.request('POST', path, { cookie: editor.cookie })
    expect(byEditor.status).toBe(403)
    const unlocked = await t.request('POST', path, { cookie: admin.cookie })
    expect(unlocked.status).toBe(200)
    expect(unlocked.json).toEqual({ wasLocked: true })
    expect((await attempt(editor.user.email, PASSWORD)).status).toBe(200)

    const log = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/audit`, {
      cookie: admin.cookie,
    })
    expect(log.json.items[0]).toMatchObject({ action: 'login.unlocked', targetId: editor.user.id })
  })
})
