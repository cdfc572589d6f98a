import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestApp } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { deliveries } from '../../store/schema/index.ts'

// Disconnecting an account holds what it had scheduled; reconnecting it sends it again,
// with a real worker and the Mastodon CONTRACT FAKE.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let brand: DeliveringApp['accounts'][string]
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

beforeAll(async () => {
  app = await startDeliveringApp(['brand'])
  ;({ t, owner } = app)
  brand = app.accounts.brand as DeliveringApp['accounts'][string]
})
afterAll(async () => {
  await app?.close()
})

async function schedule(text: string) {
  const res = await t.request('POST', `${ws()}/posts`, {
    cookie: owner.cookie,
    body: { variants: [{ accountId: brand.accountId, text }], schedule: { at: inDays(1) } },
  })
  expect(res.status, res.text).toBe(201)
  return {
    postId: res.json.id as string,
    deliveryId: res.json.variants[0].deliveries[0].id as string,
  }
}

async function variantOf(postId: string) {
  const res = await t.request('GET', `${ws()}/posts/${postId}`, { cookie: owner.cookie })
  return res.json.variants[0]
}

/** The same person on the fake authorizes Sous again, as they would to reconnect. */
async function reconnect() {
  const start = await t.request('POST', `${ws()}/accounts/mastodon`, {
    cookie: owner.cookie,
    body: { instance: app.fake.url },
  })
  app.fake.signIn(brand.user)
  const approved = await fetch(start.json.authorizeUrl, { redirect: 'manual' })
  const callback = new URL(approved.headers.get('location') ?? '')
  const done = await t.request('GET', `${callback.pathname}${callback.search}`)
  expect(done.status, done.text).toBe(200)
}

describe('disconnecting an account', () => {
  it('says how many deliveries wait, holds them in review until it is reconnected, then sends them', async () => {
    const later = await schedule('still planned for tomorrow')
    const missed = await schedule('its moment will pass')
    const unwanted = await schedule('nobody wants this any more')

    const res = await t.request('DELETE', `${ws()}/accounts/${brand.accountId}`, {
      cookie: owner.cookie,
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json).toEqual({ heldDeliveries: 3 })
    expect(await variantOf(later.postId)).toMatchObject({
      state: 'held',
      error: expect.stringMatching(/^Account disconnected/),
    })
    const review = await t.request('GET', `${ws()}/review`, { cookie: owner.cookie })
    expect(review.json.items.map((i: { deliveryId: string }) => i.deliveryId)).toEqual(
      expect.arrayContaining([later.deliveryId, missed.deliveryId, unwanted.deliveryId]),
    )

    // Nothing can be sent through a disconnected account; it can be let go.
    const now = await t.request('POST', `${ws()}/review/${later.deliveryId}`, {
      cookie: owner.cookie,
      body: { action: 'publish_now' },
    })
    expect(now.status).toBe(409)
    expect(now.json.detail).toMatch(/disconnected: reconnect it/)
    const discarded = await t.request('POST', `${ws()}/review/${unwanted.deliveryId}`, {
      cookie: owner.cookie,
      body: { action: 'discard' },
    })
    expect(discarded.status, discarded.text).toBe(204)

    // A day passes for one of them while the account is away.
    const anHourAgo = new Date(Date.now() - 3_600_000)
    await t.database.db
      .update(deliveries)
      .set({ dueAt: anHourAgo, runAt: anHourAgo })
      .where(eq(deliveries.id, missed.deliveryId))

    await reconnect()
    const accounts = await t.request('GET', `${ws()}/accounts`, { cookie: owner.cookie })
    expect(accounts.json.items.map((a: { id: string }) => a.id)).toEqual([brand.accountId])
    expect(await variantOf(later.postId)).toMatchObject({ state: 'scheduled', error: null })
    expect(await variantOf(missed.postId)).toMatchObject({
      state: 'needs_review',
      error: expect.stringMatching(/time passed/),
    })
    expect((await variantOf(unwanted.postId)).state).toBe('failed')

    // Released, it really goes: brought forward to now, it is published once.
    const sooner = await t.request('POST', `${ws()}/posts/${later.postId}/reschedule`, {
      cookie: owner.cookie,
      body: { now: true },
    })
    expect(sooner.status, sooner.text).toBe(200)
    await vi.waitFor(async () => expect((await variantOf(later.postId)).state).toBe('published'), {
      timeout: 10_000,
      interval: 100,
    })
    expect(app.published(brand.user.id, 'still planned for tomorrow')).toHaveLength(1)
    expect(app.published(brand.user.id, 'nobody wants this any more')).toHaveLength(0)
  })
})
