import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestApp } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'

// Drafts, rewrites, reschedules and unschedules, with a real worker delivering to the
// Mastodon CONTRACT FAKE: what a person changes before a post goes out is what goes out.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let brand: DeliveringApp['accounts'][string]
let shop: DeliveringApp['accounts'][string]
const posts = () => `/api/v1/workspaces/${owner.workspace.id}/posts`
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString()
const inDays = (d: number) => inSeconds(d * 86_400)

beforeAll(async () => {
  app = await startDeliveringApp(['brand', 'shop'])
  ;({ t, owner } = app)
  brand = app.accounts.brand as DeliveringApp['accounts'][string]
  shop = app.accounts.shop as DeliveringApp['accounts'][string]
})
afterAll(async () => {
  await app?.close()
})

const published = (fakeUserId: string, text: string) => app.published(fakeUserId, text)

async function stateOf(postId: string) {
  const res = await t.request('GET', `${posts()}/${postId}`, { cookie: owner.cookie })
  expect(res.status).toBe(200)
  return res.json
}

describe('drafts', () => {
  it('saves a draft with its checks shown but not enforced, lists it, and never sends it', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { variants: [{ accountId: brand.accountId, text: `draft ${'x'.repeat(600)}` }] },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json.variants[0]).toMatchObject({ state: 'draft', dueAt: null, deliveries: [] })
    expect(res.json.checks).toEqual([
      {
        accountId: brand.accountId,
        network: 'mastodon',
        problems: ['606 of 500 characters: shorten by 106'],
      },
    ])
    const drafts = await t.request('GET', `${posts()}?status=draft`, { cookie: owner.cookie })
    expect(drafts.json.items.map((p: { id: string }) => p.id)).toContain(res.json.id)

    // Scheduling it runs the same checks, now blocking.
    const refused = await t.request('POST', `${posts()}/${res.json.id}/reschedule`, {
      cookie: owner.cookie,
      body: { now: true },
    })
    expect(refused.status).toBe(422)
    expect(refused.json.errors[0].message).toMatch(/shorten by 106/)
    expect((await stateOf(res.json.id)).variants[0].state).toBe('draft')
  })

  it('rewrites a draft and schedules it in one step; it goes out with the new text', async () => {
    const draft = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { variants: [{ accountId: brand.accountId, text: 'first words' }] },
    })
    const put = await t.request('PUT', `${posts()}/${draft.json.id}`, {
      cookie: owner.cookie,
      body: {
        variants: [
          { accountId: brand.accountId, text: 'better words for the brand' },
          { accountId: shop.accountId, text: 'better words for the shop' },
        ],
        schedule: { now: true },
      },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.json.provenance).toBe('live')
    await vi.waitFor(
      async () => {
        const post = await stateOf(draft.json.id)
        expect(post.variants.map((v: { state: string }) => v.state)).toEqual([
          'published',
          'published',
        ])
      },
      { timeout: 10_000, interval: 100 },
    )
    expect(published(brand.user.id, 'better words for the brand')).toHaveLength(1)
    expect(published(shop.user.id, 'better words for the shop')).toHaveLength(1)
    expect(published(brand.user.id, 'first words')).toHaveLength(0)

    // Once out, it cannot be rewritten.
    const again = await t.request('PUT', `${posts()}/${draft.json.id}`, {
      cookie: owner.cookie,
      body: { variants: [{ accountId: brand.accountId, text: 'too late' }] },
    })
    expect(again.status).toBe(409)
    expect(again.headers.get('content-type')).toMatch(/problem\+json/)
  })
})

describe('rescheduling and unscheduling', () => {
  it('moves a scheduled post to a new time, keeping its publish keys', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: brand.accountId, text: 'moving day' }],
        schedule: { at: inDays(2) },
      },
    })
    const before = res.json.variants[0].deliveries[0]
    const later = inDays(3)
    const moved = await t.request('POST', `${posts()}/${res.json.id}/reschedule`, {
      cookie: owner.cookie,
      body: { at: later },
    })
    expect(moved.status, moved.text).toBe(200)
    expect(moved.json.changed).toBe(1)
    const after = moved.json.post.variants[0].deliveries[0]
    expect(after.id).toBe(before.id)
    expect(new Date(after.dueAt).getTime()).toBe(new Date(later).getTime())
    const past = await t.request('POST', `${posts()}/${res.json.id}/reschedule`, {
      cookie: owner.cookie,
      body: { at: '2020-01-01T00:00:00Z' },
    })
    expect(past.status).toBe(422)
  })

  it('brings a post forward to now: it goes out once, and the old time does nothing', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: shop.accountId, text: 'sooner than planned' }],
        schedule: { at: inSeconds(2) },
      },
    })
    const now = await t.request('POST', `${posts()}/${res.json.id}/reschedule`, {
      cookie: owner.cookie,
      body: { now: true },
    })
    expect(now.status, now.text).toBe(200)
    await vi.waitFor(
      async () => expect((await stateOf(res.json.id)).variants[0].state).toBe('published'),
      { timeout: 10_000, interval: 100 },
    )
    // Past the original time: the job planned for it finds nothing to do.
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(published(shop.user.id, 'sooner than planned')).toHaveLength(1)
  })

  it('takes a post due in a moment back to a draft: nothing goes out', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: brand.accountId, text: 'second thoughts' }],
        schedule: { at: inSeconds(1.5) },
      },
    })
    const back = await t.request('POST', `${posts()}/${res.json.id}/unschedule`, {
      cookie: owner.cookie,
    })
    expect(back.status, back.text).toBe(200)
    expect(back.json.post.variants[0].state).toBe('draft')
    await new Promise((resolve) => setTimeout(resolve, 2_500))
    expect(published(brand.user.id, 'second thoughts')).toHaveLength(0)
    expect((await stateOf(res.json.id)).variants[0].state).toBe('draft')
    const twice = await t.request('POST', `${posts()}/${res.json.id}/unschedule`, {
      cookie: owner.cookie,
    })
    expect(twice.status).toBe(409)
  })

  it('lets a contributor change only their own post while it waits for approval', async () => {
    const contributor = await t.member(owner.workspace.id, 'contributor')
    const own = await t.request('POST', posts(), {
      cookie: contributor.cookie,
      body: {
        variants: [{ accountId: brand.accountId, text: 'mine' }],
        schedule: { at: inDays(1) },
      },
    })
    expect(own.json.approval).toBe('pending')
    const moved = await t.request('POST', `${posts()}/${own.json.id}/reschedule`, {
      cookie: contributor.cookie,
      body: { at: inDays(2) },
    })
    expect(moved.status).toBe(200)
    const editors = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: brand.accountId, text: 'the editor’s' }],
        schedule: { at: inDays(1) },
      },
    })
    const refused = await t.request('POST', `${posts()}/${editors.json.id}/unschedule`, {
      cookie: contributor.cookie,
    })
    expect(refused.status).toBe(403)
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const byAnalyst = await t.request('POST', `${posts()}/${own.json.id}/unschedule`, {
      cookie: analyst.cookie,
    })
    expect(byAnalyst.status).toBe(403)
  })
})

describe('review', () => {
  it('reschedules a delivery in review into the account’s next free queue slot', async () => {
    const queue = await t.request(
      'PUT',
      `/api/v1/workspaces/${owner.workspace.id}/accounts/${shop.accountId}/queue`,
      {
        cookie: owner.cookie,
        body: { timeZone: 'America/New_York', slots: [{ weekday: 3, time: '08:15' }] },
      },
    )
    expect(queue.status, queue.text).toBe(200)
    const contributor = await t.member(owner.workspace.id, 'contributor')
    const res = await t.request('POST', posts(), {
      cookie: contributor.cookie,
      body: {
        variants: [{ accountId: shop.accountId, text: 'waiting for a look' }],
        schedule: { now: true },
      },
    })
    const deliveryId = await vi.waitFor(
      async () => {
        const variant = (await stateOf(res.json.id)).variants[0]
        expect(variant.state).toBe('needs_review')
        return variant.deliveries[0].id as string
      },
      { timeout: 10_000, interval: 100 },
    )
    const decided = await t.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/review/${deliveryId}`,
      { cookie: owner.cookie, body: { action: 'reschedule', slot: true } },
    )
    expect(decided.status, decided.text).toBe(204)
    const variant = (await stateOf(res.json.id)).variants[0]
    expect(variant.state).toBe('scheduled')
    expect(variant.dueAt).toBe(queue.json.upcoming[0].at)
    expect(published(shop.user.id, 'waiting for a look')).toHaveLength(0)
  })
})
