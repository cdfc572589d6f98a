import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { peopleSyncs } from '../../store/schema/index.ts'

// Snapshots as a time series when counts fall, and follower counts as context, through the
// API with a real worker publishing to the Mastodon CONTRACT FAKE.
let d: DeliveringApp
const ws = () => `/api/v1/workspaces/${d.owner.workspace.id}`
const req = (method: string, path: string, body?: unknown) =>
  d.t.request(method, `${ws()}${path}`, { cookie: d.owner.cookie, ...(body ? { body } : {}) })

beforeAll(async () => {
  d = await startDeliveringApp(['baker'])
})
afterAll(async () => {
  await d?.close()
})

describe('snapshots when counts go down', () => {
  it('adds the lower count as a new snapshot and keeps the higher one before it', async () => {
    const accountId = d.accounts.baker?.accountId
    const res = await req('POST', '/posts', {
      variants: [{ accountId, text: 'Share if you like rye' }],
      schedule: { now: true },
    })
    expect(res.status, res.text).toBe(201)
    await vi.waitFor(
      async () => {
        const post = await req('GET', `/posts/${res.json.id}`)
        expect(post.json.variants[0].state).toBe('published')
      },
      { timeout: 15_000, interval: 100 },
    )
    const statusId =
      (d.published(d.accounts.baker?.user.id ?? '', 'Share if')[0] as { id?: string })?.id ?? ''
    const fan = d.fake.createUser('fan')
    d.fake.actor(fan).reblog(statusId)
    const first = await req('POST', `/posts/${res.json.id}/engagement`)
    expect(first.json.engagement.deliveries[0].latest).toMatchObject({ reposts: 1 })
    // The fan takes the repost back.
    const reblog = [...d.fake.state.statuses.values()].find(
      (s) => s.reblogOfId === statusId && !s.deleted,
    )
    d.fake.state.deleteStatus(fan.id, reblog?.id ?? '')
    const second = await req('POST', `/posts/${res.json.id}/engagement`)
    const delivery = second.json.engagement.deliveries[0]
    expect(delivery.latest).toMatchObject({ reposts: 0, deleted: false })
    expect(delivery.snapshots.map((s: { reposts: number }) => s.reposts)).toEqual([1, 0])
    expect(delivery.deleted).toBe(false)
  })
})

describe('follower counts in Measure', () => {
  it('come as context per account, unknown until a people sync has read them', async () => {
    const accountId = d.accounts.baker?.accountId ?? ''
    const before = await req('GET', '/measure')
    expect(before.json.followers).toEqual([
      { accountId, handle: expect.any(String), followers: null },
    ])
    await d.t.database.db
      .insert(peopleSyncs)
      .values({ accountId, list: 'followers', expected: 1234 })
      .onConflictDoUpdate({
        target: [peopleSyncs.accountId, peopleSyncs.list],
        set: { expected: 1234 },
      })
    const after = await req('GET', '/measure')
    expect(after.json.followers[0]).toMatchObject({ accountId, followers: 1234 })
    // Never a score: the groups and their comparison do not read it.
    expect(after.json.groups).toEqual(before.json.groups)
  })
})
