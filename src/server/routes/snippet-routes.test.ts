import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { pollAccountInbox } from '../../commands/poll-account-inbox.ts'
import { createNetworkRegistry } from '../../networks/registry.ts'
import { auditLog, inboxReplies } from '../../store/schema/index.ts'

// Saved replies through the API, and a reply that starts from one, sent on the Mastodon CONTRACT FAKE.
let app: DeliveringApp
const ws = () => `/api/v1/workspaces/${app.owner.workspace.id}`
const owner = () => ({ cookie: app.owner.cookie })

beforeAll(async () => {
  app = await startDeliveringApp(['acme'])
})
afterAll(async () => {
  await app?.close()
})

const create = (body: unknown, cookie = app.owner.cookie) =>
  app.t.request('POST', `${ws()}/snippets`, { cookie, body })

describe('snippets', () => {
  let thanksId: string

  it('saves, lists by name, renames and refuses a name already taken', async () => {
    const thanks = await create({
      name: 'Thanks',
      text: 'Thank you for telling us — we are on it.',
    })
    expect(thanks.status, thanks.text).toBe(201)
    thanksId = thanks.json.id
    expect(thanks.json).toMatchObject({ name: 'Thanks', uses: 0, lastUsedAt: null })
    expect(
      (await create({ name: 'Address', text: 'Which address did you order to?' })).status,
    ).toBe(201)
    const list = await app.t.request('GET', `${ws()}/snippets`, owner())
    expect(list.json.items.map((s: { name: string }) => s.name)).toEqual(['Address', 'Thanks'])
    expect(list.json.next).toBeNull()

    const again = await create({ name: 'Thanks', text: 'Another text' })
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toMatch(/problem\+json/)
    expect(again.json.detail).toContain('Thanks')
    const clash = await app.t.request('PATCH', `${ws()}/snippets/${thanksId}`, {
      ...owner(),
      body: { name: 'Address' },
    })
    expect(clash.status).toBe(409)

    const renamed = await app.t.request('PATCH', `${ws()}/snippets/${thanksId}`, {
      ...owner(),
      body: { name: 'Thank you', text: 'Thank you, {name}: we are on it.' },
    })
    expect(renamed.status, renamed.text).toBe(200)
    expect(renamed.json).toMatchObject({
      name: 'Thank you',
      text: 'Thank you, {name}: we are on it.',
    })
    const audit = await app.t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.targetType, 'snippet'), eq(auditLog.targetId, thanksId)))
    expect(audit.map((a) => a.action).sort()).toEqual(['snippet.changed', 'snippet.created'])
  })

  it('refuses empty and oversized input with the field named', async () => {
    const empty = await create({ name: '  ', text: 'x' })
    expect(empty.status).toBe(400)
    expect(JSON.stringify(empty.json)).toContain('name')
    const huge = await create({ name: 'Huge', text: 'a'.repeat(10_001) })
    expect(huge.status).toBe(400)
    const unknown = await app.t.request(
      'PATCH',
      `${ws()}/snippets/00000000-0000-4000-8000-000000000000`,
      { ...owner(), body: { text: 'x' } },
    )
    expect(unknown.status).toBe(404)
  })

  it('lets analysts and contributors read them, and only editors and up keep them', async () => {
    const analyst = await app.t.member(app.owner.workspace.id, 'analyst')
    const contributor = await app.t.member(app.owner.workspace.id, 'contributor')
    const editor = await app.t.member(app.owner.workspace.id, 'editor')
    const read = await app.t.request('GET', `${ws()}/snippets`, { cookie: analyst.cookie })
    expect(read.status).toBe(200)
    expect(read.json.items.length).toBeGreaterThanOrEqual(2)
    expect((await create({ name: 'Mine', text: 'x' }, contributor.cookie)).status).toBe(403)
    expect(
      (
        await app.t.request('DELETE', `${ws()}/snippets/${thanksId}`, {
          cookie: analyst.cookie,
        })
      ).status,
    ).toBe(403)
    expect((await create({ name: 'Editor’s', text: 'From an editor' }, editor.cookie)).status).toBe(
      201,
    )
    const other = await app.t.otherWorkspace(app.owner.user.id)
    const elsewhere = await app.t.request('GET', `/api/v1/workspaces/${other.id}/snippets`, owner())
    expect(elsewhere.json.items).toEqual([])
  })

  it('counts a reply that started from a snippet, and the reply stays when the snippet goes', async () => {
    const acme = app.accounts.acme
    if (!acme) throw new Error('no account')
    const ours = app.fake.actor(acme.user).post('Our autumn range is out').id
    app.fake.actor(app.fake.createUser('fay')).reply(ours, 'my parcel is lost, can you help?')
    await pollAccountInbox(
      app.t.database,
      { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET },
      acme.accountId,
    )
    const inbox = await app.t.request('GET', `${ws()}/inbox`, owner())
    const item = inbox.json.items.find((i: { text: string }) => i.text.includes('parcel'))

    const other = await app.t.otherWorkspace(app.owner.user.id, 'Elsewhere')
    const foreign = await app.t.request('POST', `/api/v1/workspaces/${other.id}/snippets`, {
      ...owner(),
      body: { name: 'Foreign', text: 'Not yours' },
    })
    const refused = await app.t.request('POST', `${ws()}/inbox/${item.id}/reply`, {
      ...owner(),
      body: { text: 'Thank you, Fay: we are on it.', snippetId: foreign.json.id },
    })
    expect(refused.status).toBe(422)
    expect(refused.json.errors).toEqual([
      { field: 'snippetId', message: expect.stringContaining('no such snippet') },
    ])

    const sent = await app.t.request('POST', `${ws()}/inbox/${item.id}/reply`, {
      ...owner(),
      body: { text: 'Thank you, Fay: we are on it.', snippetId: thanksId },
    })
    expect(sent.status, sent.text).toBe(202)
    await vi.waitFor(() => expect(app.published(acme.user.id, 'Thank you, Fay')).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    })
    const list = await app.t.request('GET', `${ws()}/snippets`, owner())
    const used = list.json.items.find((s: { id: string }) => s.id === thanksId)
    expect(used.uses).toBe(1)
    expect(used.lastUsedAt).not.toBeNull()

    const gone = await app.t.request('DELETE', `${ws()}/snippets/${thanksId}`, owner())
    expect(gone.status).toBe(204)
    const replies = await app.t.database.db
      .select()
      .from(inboxReplies)
      .where(eq(inboxReplies.itemId, item.id))
    expect(replies).toHaveLength(1)
    expect(replies[0]?.snippetId).toBeNull()
    expect(replies[0]?.text).toBe('Thank you, Fay: we are on it.')
  })
})
