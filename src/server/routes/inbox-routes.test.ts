import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  startTestAppWithOwner,
  TEST_PUBLIC_URL,
  type TestApp,
  type TestOwner,
} from '../../../test/app.ts'
import { ingestInboxEvents } from '../../commands/ingest-inbox-events.ts'
import { wakeSnoozed } from '../../jobs/inbox-jobs.ts'
import type { InboxEvent } from '../../networks/types.ts'
import { accounts } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
let account: { id: string; workspaceId: string; network: string }
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  const id = randomUUID()
  await t.database.db.insert(accounts).values({
    id,
    workspaceId: owner.workspace.id,
    network: 'bluesky',
    networkAccountId: 'did:plc:acme',
    handle: 'acme.test',
    url: 'https://bsky.app/profile/acme.test',
    service: 'http://pds.test',
    credentials: 'sealed',
  })
  account = { id, workspaceId: owner.workspace.id, network: 'bluesky' }
})
afterAll(async () => {
  await t?.close()
})

let n = 0
const event = (text: string, extra: Partial<InboxEvent> = {}): InboxEvent => {
  n++
  return {
    id: `at://did:plc:someone/app.bsky.feed.post/${n}`,
    kind: 'mention',
    author: {
      id: `did:plc:person${n % 7}`,
      handle: `person${n % 7}.test`,
      displayName: '',
      bio: '',
    },
    createdAt: new Date(Date.now() - n * 1000).toISOString(),
    text,
    uri: `at://did:plc:someone/app.bsky.feed.post/${n}`,
    ...extra,
  }
}
const list = async (query = '') =>
  (await t.request('GET', `${ws()}/inbox${query}`, { cookie: owner.cookie })).json

describe('ingest, as the inbox shows it', () => {
  it('keeps one item per network event, whatever the order or repetition', async () => {
    const a = event('first question?')
    const b = event('second question?')
    await ingestInboxEvents(t.database, account, [b, a, b])
    await ingestInboxEvents(t.database, account, [a, b])
    const page = await list()
    expect(page.items.filter((i: { text: string }) => i.text.endsWith('question?'))).toHaveLength(2)
  })

  it('stores a 1 MB message cut to 10,000 characters, and markup as text', async () => {
    await ingestInboxEvents(t.database, account, [
      event(`<img src=x onerror=alert(1)>${'a'.repeat(1_048_576)}`),
    ])
    const [item] = (await list()).items.filter((i: { text: string }) => i.text.startsWith('<img'))
    expect(item.text).toHaveLength(10_000)
  })

  it('keeps up with a flood: 10,000 mentions, routed, and the first page still fast', async () => {
    await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          { name: 'Refunds', conditions: { words: ['refund'] }, actions: { tags: ['billing'] } },
        ],
      },
    })
    const flood = Array.from({ length: 10_000 }, (_, i) =>
      event(i % 2 ? 'I want a refund now' : 'hello there'),
    )
    const started = performance.now()
    for (let i = 0; i < flood.length; i += 1_000)
      await ingestInboxEvents(t.database, account, flood.slice(i, i + 1_000))
    const ingestMs = performance.now() - started
    const pageStarted = performance.now()
    const page = await list('?status=open')
    const pageMs = performance.now() - pageStarted
    console.info(
      `10,000 mentions ingested in ${Math.round(ingestMs)} ms; first page in ${Math.round(pageMs)} ms`,
    )
    expect(page.items).toHaveLength(50)
    expect(page.next).toEqual(expect.any(String))
    const refunds = page.items.filter((i: { text: string }) => i.text.includes('refund'))
    expect(refunds.length).toBeGreaterThan(0)
    for (const item of refunds)
      expect(item).toMatchObject({ tags: ['billing'], rule: { name: 'Refunds' } })
    expect(ingestMs).toBeLessThan(60_000)
    const second = await list(`?status=open&before=${page.next}`)
    expect(second.items[0].id).not.toBe(page.items[0].id)
  })
})

describe('triage', () => {
  it('assigns, tags, snoozes (it comes back by itself), marks done; refuses what cannot be', async () => {
    const [id] = (await ingestInboxEvents(t.database, account, [event('Where is my parcel?')]))
      .itemIds
    const dana = await t.member(owner.workspace.id, 'editor')
    const patch = (body: unknown) =>
      t.request('PATCH', `${ws()}/inbox/${id}`, { cookie: owner.cookie, body })
    const assigned = await patch({ assigneeId: dana.user.id, tags: ['vip', 'vip', ' '] })
    expect(assigned.json).toMatchObject({ assigneeId: dana.user.id, tags: ['vip'] })
    const mine = await list(`?assignee=${dana.user.id}`)
    expect(mine.items.map((i: { id: string }) => i.id)).toEqual([id])

    expect((await patch({ status: 'snoozed' })).status).toBe(422)
    expect((await patch({ assigneeId: randomUUID() })).status).toBe(422)
    const snoozed = await patch({
      status: 'snoozed',
      snoozeUntil: new Date(Date.now() + 60_000).toISOString(),
    })
    expect(snoozed.json.status).toBe('snoozed')
    await wakeSnoozed(t.database, new Date(Date.now() + 120_000))
    const back = await t.request('GET', `${ws()}/inbox/${id}`, { cookie: owner.cookie })
    expect(back.json.item.status).toBe('open')

    expect((await patch({ status: 'done', kind: 'question' })).json).toMatchObject({
      status: 'done',
      kind: 'question',
    })
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const refused = await t.request('PATCH', `${ws()}/inbox/${id}`, {
      cookie: analyst.cookie,
      body: { status: 'open' },
    })
    expect(refused.status).toBe(403)
  })

  it('counts for the navigation', async () => {
    const counts = await t.request('GET', `${ws()}/inbox/counts`, { cookie: owner.cookie })
    expect(counts.status).toBe(200)
    expect(counts.json.open).toBeGreaterThan(10_000)
    expect(counts.json).toHaveProperty('unassigned')
  })

  it('shows overdue items against the business-hours target', async () => {
    await t.request('PUT', `${ws()}/inbox-settings`, {
      cookie: owner.cookie,
      body: {
        businessHours: { timeZone: 'UTC', windows: [] },
        firstResponseTargetMinutes: 60,
        feedbackSlug: null,
        feedbackEnabled: false,
      },
    })
    const [id] = (
      await ingestInboxEvents(t.database, account, [
        event('Is anyone there?', {
          createdAt: new Date(Date.now() - 2 * 3_600_000).toISOString(),
        }),
      ])
    ).itemIds
    const item = (await t.request('GET', `${ws()}/inbox/${id}`, { cookie: owner.cookie })).json.item
    expect(item.overdue).toBe(true)
    expect(item.waitedMs).toBeGreaterThanOrEqual(2 * 3_600_000 - 1_000)
  })
})

describe('routing rules', () => {
  it('"try a message": kind, sentiment, reasons and where the rules would send it', async () => {
    const dana = await t.member(owner.workspace.id, 'editor')
    const saved = await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          {
            name: 'Complaints on @acme go to Dana',
            conditions: { accountIds: [account.id], kinds: ['complaint'] },
            actions: { assigneeId: dana.user.id, priority: 'high' },
          },
        ],
      },
    })
    expect(saved.status, saved.text).toBe(200)
    const tried = await t.request('POST', `${ws()}/routing-rules/test`, {
      cookie: owner.cookie,
      body: { text: 'Das Paket kam kaputt an und niemand antwortet mir.', accountId: account.id },
    })
    expect(tried.json).toMatchObject({
      kind: 'complaint',
      sentiment: 'negative',
      rule: { name: 'Complaints on @acme go to Dana' },
      assigneeId: dana.user.id,
      priority: 'high',
    })
    expect(tried.json.reasons.join(' ')).toContain('kaputt')
    const stranger = await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: { items: [{ name: 'x', conditions: {}, actions: { assigneeId: randomUUID() } }] },
    })
    expect(stranger.status).toBe(422)
    const editor = await t.member(owner.workspace.id, 'editor')
    expect(
      (
        await t.request('PUT', `${ws()}/routing-rules`, {
          cookie: editor.cookie,
          body: { items: [] },
        })
      ).status,
    ).toBe(403)
  })
})

describe('live changes', () => {
  it('announces new items of the workspace on its event stream', async () => {
    const response = await t.app.request(`${TEST_PUBLIC_URL}${ws()}/inbox/events`, {
      headers: { cookie: owner.cookie },
    })
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const reader = response.body?.getReader()
    if (!reader) throw new Error('no stream')
    const decoder = new TextDecoder()
    expect(decoder.decode((await reader.read()).value)).toContain('event: ready')
    const { itemIds } = await ingestInboxEvents(t.database, account, [event('Live one?')])
    let received = ''
    while (!received.includes('event: items'))
      received += decoder.decode((await reader.read()).value)
    await reader.cancel()
    expect(received).toContain(itemIds[0])
  })
})
