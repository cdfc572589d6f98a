import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestApp } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'

// Review decisions with a real worker and the Mastodon CONTRACT FAKE.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let brand: DeliveringApp['accounts'][string]
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

beforeAll(async () => {
  app = await startDeliveringApp(['brand'])
  ;({ t, owner } = app)
  brand = app.accounts.brand as DeliveringApp['accounts'][string]
})
afterAll(async () => {
  await app?.close()
})

async function variantOf(postId: string) {
  const res = await t.request('GET', `${ws()}/posts/${postId}`, { cookie: owner.cookie })
  return res.json.variants[0]
}

describe('review under the brake', () => {
  it('refuses "publish now" while a brake covers the account, naming it; goes once it is released', async () => {
    const contributor = await t.member(owner.workspace.id, 'contributor')
    const post = await t.request('POST', `${ws()}/posts`, {
      cookie: contributor.cookie,
      body: {
        variants: [{ accountId: brand.accountId, text: 'held for a look' }],
        schedule: { now: true },
      },
    })
    expect(post.status, post.text).toBe(201)
    const deliveryId = await vi.waitFor(
      async () => {
        const variant = await variantOf(post.json.id)
        expect(variant.state).toBe('needs_review')
        return variant.deliveries[0].id as string
      },
      { timeout: 10_000, interval: 100 },
    )
    const brake = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'News broke' },
    })
    expect(brake.status, brake.text).toBe(201)

    const refused = await t.request('POST', `${ws()}/review/${deliveryId}`, {
      cookie: owner.cookie,
      body: { action: 'publish_now' },
    })
    expect(refused.status).toBe(409)
    expect(refused.headers.get('content-type')).toContain('application/problem+json')
    expect(refused.json.detail).toBe(
      'The brake on this workspace is engaged ("News broke"): release it to publish now, or reschedule',
    )
    expect((await variantOf(post.json.id)).state).toBe('needs_review')

    await t.request('DELETE', `/api/v1/brake/${brake.json.id}`, { cookie: owner.cookie })
    const now = await t.request('POST', `${ws()}/review/${deliveryId}`, {
      cookie: owner.cookie,
      body: { action: 'publish_now' },
    })
    expect(now.status, now.text).toBe(204)
    await vi.waitFor(async () => expect((await variantOf(post.json.id)).state).toBe('published'), {
      timeout: 10_000,
      interval: 100,
    })
    expect(app.published(brand.user.id, 'held for a look')).toHaveLength(1)
  })
})
