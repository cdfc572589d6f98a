import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'

// An account's queue, read and set, on the Mastodon CONTRACT FAKE (no worker: nothing goes out).
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let accountId: string
const queue = () => `/api/v1/workspaces/${owner.workspace.id}/accounts/${accountId}/queue`

beforeAll(async () => {
  app = await startDeliveringApp(['brand'], { worker: false })
  ;({ t, owner } = app)
  accountId = (app.accounts.brand as DeliveringApp['accounts'][string]).accountId
})
afterAll(async () => {
  await app?.close()
})

describe("an account's queue", () => {
  it('reads back its zone, its slots and the next free slots with their local time', async () => {
    const empty = await t.request('GET', queue(), { cookie: owner.cookie })
    expect(empty.status, empty.text).toBe(200)
    expect(empty.json).toEqual({ timeZone: 'UTC', slots: [], upcoming: [] })

    const slots = [
      { weekday: 1, time: '09:30' },
      { weekday: 4, time: '15:00' },
    ]
    const put = await t.request('PUT', queue(), {
      cookie: owner.cookie,
      body: { timeZone: 'America/New_York', slots },
    })
    expect(put.status, put.text).toBe(200)
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const read = await t.request('GET', queue(), { cookie: analyst.cookie })
    expect(read.json).toMatchObject({ timeZone: 'America/New_York', slots })
    expect(read.json.upcoming).toHaveLength(10)
    for (const { at, local } of read.json.upcoming) {
      expect(new Date(local).getTime()).toBe(new Date(at).getTime())
      expect(local).toMatch(/T(09:30|15:00):00-0[45]:00$/)
    }

    // A post in the first slot holds it: the queue shows the next one as the first free.
    const [first, second] = read.json.upcoming
    const post = await t.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
      cookie: owner.cookie,
      body: { variants: [{ accountId, text: 'into the queue' }], schedule: { slot: true } },
    })
    expect(post.status, post.text).toBe(201)
    expect(post.json.variants[0].dueAt).toBe(first.at)
    const after = await t.request('GET', queue(), { cookie: owner.cookie })
    expect(after.json.upcoming[0]).toEqual(second)
  })

  it('refuses a slot given twice, naming it, and keeps the queue as it was', async () => {
    const before = await t.request('GET', queue(), { cookie: owner.cookie })
    const res = await t.request('PUT', queue(), {
      cookie: owner.cookie,
      body: {
        timeZone: 'Europe/Berlin',
        slots: [
          { weekday: 2, time: '08:00' },
          { weekday: 3, time: '08:00' },
          { weekday: 2, time: '08:00' },
        ],
      },
    })
    expect(res.status).toBe(422)
    expect(res.headers.get('content-type')).toContain('application/problem+json')
    expect(res.json.detail).toBe('Each slot once: Tuesday 08:00 given twice')
    expect(res.json.errors).toEqual([
      { field: 'slots.2', message: 'Tuesday 08:00 repeats slots.0' },
    ])
    const after = await t.request('GET', queue(), { cookie: owner.cookie })
    expect(after.json.slots).toEqual(before.json.slots)
  })

  it('answers 404 for an account that is not in the workspace', async () => {
    const res = await t.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/accounts/00000000-0000-4000-8000-000000000000/queue`,
      { cookie: owner.cookie },
    )
    expect(res.status).toBe(404)
    expect(res.json.detail).toBe('That account was not found')
  })
})
