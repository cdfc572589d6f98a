import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { auditLog, listenVolume } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
let base: string
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
})
afterAll(async () => {
  await t?.close()
})

const save = (body: unknown, cookie = owner.cookie) =>
  t.request('POST', `${base}/searches`, { cookie, body })

describe('saved searches', () => {
  it('are saved, listed with the state of listening, changed and deleted, each audited', async () => {
    const created = await save({
      name: 'Complaints',
      query: '(bakery OR "sous bakery") NEAR/3 (late OR refund*) -hiring',
      alert: { sensitivity: 'medium', minVolume: 20, cooldownMinutes: 30 },
    })
    expect(created.status).toBe(201)
    expect(created.json).toMatchObject({
      search: { name: 'Complaints', broad: false, inbox: true, alert: { minVolume: 20 } },
      warning: null,
    })
    const id = created.json.search.id

    const list = await t.request('GET', `${base}/searches`, { cookie: owner.cookie })
    expect(list.status).toBe(200)
    expect(list.json.items.map((s: { id: string }) => s.id)).toEqual([id])
    expect(list.json.next).toBeNull()
    expect(list.json.listening).toMatchObject({ source: 'jetstream', consumed: false })

    const changed = await t.request('PATCH', `${base}/searches/${id}`, {
      cookie: owner.cookie,
      body: { name: 'Late orders', query: 'late NEAR/2 order*' },
    })
    expect(changed.status).toBe(200)
    expect(changed.json.search).toMatchObject({ name: 'Late orders', query: 'late NEAR/2 order*' })

    const deleted = await t.request('DELETE', `${base}/searches/${id}`, { cookie: owner.cookie })
    expect(deleted.status).toBe(204)
    const after = await t.request('GET', `${base}/searches`, { cookie: owner.cookie })
    expect(after.json.items).toEqual([])
    const actions = await t.database.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.targetId, id))
    expect(actions.map((a) => a.action).sort()).toEqual([
      'search.changed',
      'search.created',
      'search.deleted',
    ])
  })

  it('refuse a query that does not parse, saying where and what would fit', async () => {
    const res = await save({ name: 'Broken', query: 'bread AND (butter' })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.json.errors).toEqual([
      { field: 'query', message: expect.stringMatching(/^position \d+: expected/) },
    ])
    const quote = await save({ name: 'Quote', query: 'say "hello' })
    expect(quote.json.detail).toMatch(/position 4/)
    expect(quote.json.errors[0].message).toMatch(/^position 4: expected a closing "/)
  })

  it('refuse a query with 10,000 ORs, naming the limit, without storing anything', async () => {
    const query = Array.from({ length: 10_000 }, (_, at) => `w${at}`).join(' OR ')
    const res = await save({ name: 'Everything', query })
    expect(res.status).toBe(422)
    expect(res.json.detail).toMatch(/at most 1,024 characters/)
    const list = await t.request('GET', `${base}/searches`, { cookie: owner.cookie })
    expect(list.json.items).toEqual([])
  })

  it('save a search that matches everything, with a warning that its matches are capped', async () => {
    const res = await save({ name: 'Not spam', query: 'NOT spam' })
    expect(res.status).toBe(201)
    expect(res.json.search).toMatchObject({ broad: true, inbox: false })
    expect(res.json.warning).toMatch(/at most 60 of its matches a minute are kept/)
    await t.request('DELETE', `${base}/searches/${res.json.search.id}`, { cookie: owner.cookie })
  })

  it('are managed by editors and read by analysts', async () => {
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const editor = await t.member(owner.workspace.id, 'editor')
    expect((await save({ name: 'x', query: 'bread' }, analyst.cookie)).status).toBe(403)
    const saved = await save({ name: 'x', query: 'bread' }, editor.cookie)
    expect(saved.status).toBe(201)
    const read = await t.request('GET', `${base}/searches`, { cookie: analyst.cookie })
    expect(read.status).toBe(200)
    await t.request('DELETE', `${base}/searches/${saved.json.search.id}`, { cookie: editor.cookie })
  })

  it('answer the volume per minute, zeros included, from when the search was saved', async () => {
    const saved = await save({ name: 'Bread', query: 'bread' })
    const id = saved.json.search.id
    const now = Date.now()
    const minute = (ago: number) => new Date(now - (now % 60_000) - ago * 60_000)
    await t.database.db.insert(listenVolume).values([
      { searchId: id, minute: minute(0), count: 7 },
      { searchId: id, minute: minute(2), count: 3 },
    ])
    const res = await t.request(
      'GET',
      `${base}/searches/${id}/volume?from=${minute(10).toISOString()}&to=${minute(-1).toISOString()}`,
      { cookie: owner.cookie },
    )
    expect(res.status).toBe(200)
    // The search was saved this minute: the earlier minutes are not zeros, they were not watched.
    expect(res.json.items).toEqual([{ minute: minute(0).toISOString(), count: 7 }])
    expect(res.json.total).toBe(7)

    // The list says how busy each search is: this minute, and the last hour.
    await t.database.db
      .insert(listenVolume)
      .values({ searchId: id, minute: minute(61), count: 100 })
    const list = await t.request('GET', `${base}/searches`, { cookie: owner.cookie })
    const listed = list.json.items.find((s: { id: string }) => s.id === id)
    expect(listed.volume).toEqual({ thisMinute: 7, lastHour: 10 })
  })
})

describe('an instance with SOUS_LISTEN=0', () => {
  it('keeps its saved searches and says listening is off', async () => {
    const off = await startTestAppWithOwner({ env: { SOUS_LISTEN: '0' } })
    try {
      const res = await off.t.request(
        'GET',
        `/api/v1/workspaces/${off.owner.workspace.id}/searches`,
        {
          cookie: off.owner.cookie,
        },
      )
      expect(res.status).toBe(200)
      expect(res.json.listening).toMatchObject({ state: 'off', detail: 'SOUS_LISTEN=0' })
    } finally {
      await off.t.close()
    }
  })
})
