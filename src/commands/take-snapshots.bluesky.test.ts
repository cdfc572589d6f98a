import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_SECRET, type TestApp } from '../../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { blueskyActor, indexedPost } from '../../test/peers/bluesky-harness.ts'
import { createDeliverJob } from '../jobs/deliver-job.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { startWorker, type Worker } from '../queue/worker.ts'
import { takeSnapshots } from './take-snapshots.ts'

// End to end on the local AT Protocol network: Sous publishes, other accounts like, repost
// and reply with their own clients, and the snapshots show the counts and the people.
let t: TestApp
let worker: Worker
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let person: TestAccount
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

beforeAll(async () => {
  const network = await atprotoNetwork()
  t = await createTestApp({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc },
  })
  owner = await t.setupOwner()
  person = await createTestAccount('measured')
  const connected = await t.request('POST', `${ws()}/accounts/bluesky`, {
    cookie: owner.cookie,
    body: { identifier: person.handle, appPassword: person.appPassword, service: network.pds },
  })
  expect(connected.status, connected.text).toBe(201)
  worker = await startWorker({
    database: t.database,
    definitions: [
      createDeliverJob({ networks: createNetworkRegistry(t.config), secret: TEST_SECRET }),
    ],
  })
})
afterAll(async () => {
  await worker?.stop(2_000)
  await t?.close()
})

async function publishNow(text: string) {
  const accounts = await t.request('GET', `${ws()}/accounts`, { cookie: owner.cookie })
  const accountId = accounts.json.items?.[0]?.id ?? accounts.json[0]?.id
  const res = await t.request('POST', `${ws()}/posts`, {
    cookie: owner.cookie,
    body: { variants: [{ accountId, text }], schedule: { now: true } },
  })
  expect(res.status, res.text).toBe(201)
  return vi.waitFor(
    async () => {
      const post = await t.request('GET', `${ws()}/posts/${res.json.id}`, { cookie: owner.cookie })
      const variant = post.json.variants[0]
      expect(variant.state).toBe('published')
      return { postId: res.json.id as string, uri: variant.uri as string }
    },
    { timeout: 20_000, interval: 100 },
  )
}

const engagement = async (postId: string) =>
  (await t.request('GET', `${ws()}/posts/${postId}/engagement`, { cookie: owner.cookie })).json

describe('engagement snapshots on Bluesky', () => {
  it('shows likes, reposts, replies and the distinct people at +1 h, taken on demand', async () => {
    const { postId, uri } = await publishNow('Which flour do you bake with?')
    await indexedPost(uri)
    const ada = await blueskyActor(person)
    const bo = await blueskyActor(person)
    await ada.like(uri)
    await ada.reply(uri, 'Rye, always')
    await bo.like(uri)
    await bo.repost(uri)

    // "Now" snapshots until the AppView has indexed everything (polled, never slept).
    const now = await vi.waitFor(
      async () => {
        const res = await t.request('POST', `${ws()}/posts/${postId}/engagement`, {
          cookie: owner.cookie,
        })
        expect(res.status, res.text).toBe(200)
        const latest = res.json.engagement.deliveries[0].latest
        expect(latest).toMatchObject({ mark: 'now', likes: 2, reposts: 1, replies: 1, people: 2 })
        return res.json
      },
      { timeout: 20_000, interval: 250 },
    )
    expect(now.engagement.deliveries[0]).toMatchObject({ network: 'bluesky', uri, deleted: false })

    const delivery = now.engagement.deliveries[0]
    const hourLater = new Date(Date.parse(delivery.publishedAt) + 61 * 60_000)
    const outcome = await takeSnapshots(
      t.database.db,
      TEST_SECRET,
      createNetworkRegistry(t.config),
      {
        deliveryIds: [delivery.deliveryId],
        mode: 'scheduled',
        now: hourLater,
      },
    )
    expect(outcome).toMatchObject({ taken: 1, deleted: 0 })
    const after = await engagement(postId)
    expect(after.deliveries[0].marks['1h']).toMatchObject({
      likes: 2,
      reposts: 1,
      replies: 1,
      quotes: 0,
      people: 2,
      conversations: 1,
      deleted: false,
    })
    // The mark is taken once: a second run at the same time adds nothing.
    const again = await takeSnapshots(t.database.db, TEST_SECRET, createNetworkRegistry(t.config), {
      deliveryIds: [delivery.deliveryId],
      mode: 'scheduled',
      now: hourLater,
    })
    expect(again.taken).toBe(0)
    expect(
      (await engagement(postId)).deliveries[0].snapshots.filter(
        (s: { mark: string }) => s.mark === '1h',
      ),
    ).toHaveLength(1)
  })

  it('marks a post deleted on the network, keeps its history and reads it no more', async () => {
    const { postId, uri } = await publishNow('Here today, gone tomorrow')
    await indexedPost(uri)
    const first = await t.request('POST', `${ws()}/posts/${postId}/engagement`, {
      cookie: owner.cookie,
    })
    expect(first.json.taken).toBe(1)
    await person.agent.deletePost(uri)
    // Past the grace in which a missing post may only be not indexed yet.
    const deliveryId = first.json.engagement.deliveries[0].deliveryId
    const twoHoursLater = new Date(Date.now() + 2 * 3_600_000)
    await vi.waitFor(
      async () => {
        const outcome = await takeSnapshots(
          t.database.db,
          TEST_SECRET,
          createNetworkRegistry(t.config),
          {
            deliveryIds: [deliveryId],
            mode: 'now',
            now: twoHoursLater,
          },
        )
        expect(outcome.deleted).toBe(1)
      },
      { timeout: 15_000, interval: 250 },
    )
    const after = await engagement(postId)
    expect(after.deliveries[0].deleted).toBe(true)
    expect(after.deliveries[0].snapshots.at(-1)).toMatchObject({ deleted: true, likes: null })
    expect(after.deliveries[0].snapshots[0]).toMatchObject({ deleted: false, likes: 0 })
    const later = await t.request('POST', `${ws()}/posts/${postId}/engagement`, {
      cookie: owner.cookie,
    })
    expect(later.json).toMatchObject({ taken: 0, deleted: 0 })
    expect(later.json.skipped[0].reason).toBe('deleted on the network')
  })
})
