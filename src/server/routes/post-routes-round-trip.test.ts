import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { uploadImage } from '../../../test/upload-image.ts'

// What a post is made of reads back whole, and writing back what was read changes nothing.
// Mastodon CONTRACT FAKE accounts; no worker, so nothing goes out.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let brand: string
let shop: string
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
const inDays = (d: number) => new Date(Date.now() + d * 86_400_000).toISOString()

beforeAll(async () => {
  app = await startDeliveringApp(['brand', 'shop'], { worker: false })
  ;({ t, owner } = app)
  brand = (app.accounts.brand as DeliveringApp['accounts'][string]).accountId
  shop = (app.accounts.shop as DeliveringApp['accounts'][string]).accountId
})
afterAll(async () => {
  await app?.close()
})

const read = async (postId: string) =>
  (await t.request('GET', `${ws()}/posts/${postId}`, { cookie: owner.cookie })).json

describe('a post read and written back', () => {
  it('reads back everything it was written with, and PUT of what was read changes nothing', async () => {
    const library = { workspaceId: owner.workspace.id, cookie: owner.cookie }
    const loaf = await uploadImage(t, library, { altText: 'A loaf on a board', shade: 10 })
    const crumb = await uploadImage(t, library, { altText: 'The crumb, close up', shade: 60 })
    const written = {
      text: 'Sourdough week',
      variants: [
        {
          accountId: brand,
          text: 'Our sourdough is back',
          mediaIds: [loaf],
          link: { url: 'https://bakery.example/sourdough', title: 'Sourdough' },
          thread: [{ text: 'Baked at dawn', mediaIds: [crumb] }],
          contentWarning: 'food',
          language: 'en',
        },
        { accountId: shop, text: 'Sourdough in the shop from Monday' },
      ],
      schedule: { at: inDays(2) },
    }
    const created = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: written,
    })
    expect(created.status, created.text).toBe(201)
    const before = await read(created.json.id)
    expect(before.text).toBe('Sourdough week')
    expect(before.variants).toMatchObject([
      {
        accountId: brand,
        network: 'mastodon',
        text: 'Our sourdough is back',
        mediaIds: [loaf],
        link: { url: 'https://bakery.example/sourdough', title: 'Sourdough' },
        thread: [{ text: 'Baked at dawn', mediaIds: [crumb] }],
        contentWarning: 'food',
        language: 'en',
        state: 'scheduled',
      },
      {
        accountId: shop,
        network: 'mastodon',
        mediaIds: [],
        link: null,
        thread: [],
        contentWarning: null,
        language: null,
        state: 'scheduled',
      },
    ])

    // The GET body, sent back as it is.
    const put = await t.request('PUT', `${ws()}/posts/${created.json.id}`, {
      cookie: owner.cookie,
      body: before,
    })
    expect(put.status, put.text).toBe(200)
    const after = await read(created.json.id)
    const content = (post: typeof before) => ({
      ...post,
      variants: post.variants.map((v: { deliveries: Array<{ id: string }> }) => ({
        ...v,
        deliveries: v.deliveries.map(({ id: _id, ...rest }) => rest),
      })),
    })
    expect(content(after)).toEqual(content(before))

    // The images say which post uses them.
    for (const id of [loaf, crumb]) {
      const item = await t.request('GET', `${ws()}/media/${id}`, { cookie: owner.cookie })
      expect(item.json.usedBy).toEqual([created.json.id])
    }
    const listed = await t.request('GET', `${ws()}/media`, { cookie: owner.cookie })
    expect(listed.json.items.map((i: { usedBy: string[] }) => i.usedBy)).toEqual([
      [created.json.id],
      [created.json.id],
    ])

    // Only what a read gives is let through: a field nobody knows is still refused, not dropped.
    const typo = await t.request('PUT', `${ws()}/posts/${created.json.id}`, {
      cookie: owner.cookie,
      body: { ...after, variants: [{ ...after.variants[0], contentwarning: 'food' }] },
    })
    expect(typo.status).toBe(400)
    expect(typo.json.errors).toEqual([
      { field: 'variants.0.contentwarning', message: 'unknown field' },
    ])
  })
})
