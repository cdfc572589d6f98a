import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import type { FakeActor } from '../../test/peers/mastodon-fake/index.ts'
import { takeSnapshots } from '../commands/take-snapshots.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { deliveries, engagementSnapshots, measurePosts, measureUnits } from './schema/index.ts'

// Measure reads measure_units and measure_posts, rewritten from each delivery's newest
// snapshot as it is taken; here they must give what the raw snapshots give, through a real
// worker publishing to the Mastodon CONTRACT FAKE and people acting there.
let d: DeliveringApp
const ws = () => d.owner.workspace.id
const req = (method: string, path: string, body?: unknown) =>
  d.t.request(method, `/api/v1/workspaces/${ws()}${path}`, {
    cookie: d.owner.cookie,
    ...(body ? { body } : {}),
  })

beforeAll(async () => {
  d = await startDeliveringApp(['baker', 'cook'])
})
afterAll(async () => {
  await d?.close()
})

const COUNTS = ['replies', 'reposts', 'quotes', 'likes', 'people', 'conversations'] as const

type Post = { id: string; variants: Array<{ deliveries: Array<{ id: string }> }> }

async function publish(text: string, names: string[]): Promise<Post> {
  const res = await req('POST', '/posts', {
    variants: names.map((name) => ({ accountId: d.accounts[name]?.accountId, text })),
    schedule: { now: true },
  })
  expect(res.status, res.text).toBe(201)
  return vi.waitFor(
    async () => {
      const post = await req('GET', `/posts/${res.json.id}`)
      for (const v of post.json.variants) expect(v.state).toBe('published')
      return post.json as Post
    },
    { timeout: 15_000, interval: 100 },
  )
}

const statusOf = (name: string, text: string) =>
  (d.published(d.accounts[name]?.user.id ?? '', text)[0] as { id?: string } | undefined)?.id ?? ''

async function snapshotAll(posts: Post[], now?: Date) {
  await takeSnapshots(d.t.database.db, TEST_SECRET, createNetworkRegistry(d.t.config), {
    deliveryIds: posts.flatMap((p) => p.variants.flatMap((v) => v.deliveries.map((x) => x.id))),
    mode: 'now',
    ...(now ? { now } : {}),
  })
}

/** Each variant's numbers from the snapshots themselves: the newest with counts, deleted once seen so. */
async function fromRawSnapshots() {
  const rows = await d.t.database.db
    .select({ postId: deliveries.postId, accountId: deliveries.accountId, s: engagementSnapshots })
    .from(engagementSnapshots)
    .innerJoin(deliveries, eq(deliveries.id, engagementSnapshots.deliveryId))
    .orderBy(engagementSnapshots.takenAt, engagementSnapshots.id)
  const units = new Map<
    string,
    { postId: string; accountId: string } & Record<string, number | boolean | string>
  >()
  for (const { postId, accountId, s } of rows) {
    const key = `${postId}:${accountId}`
    const unit = units.get(key) ?? { postId, accountId, deleted: false }
    if (s.deleted) unit.deleted = true
    else for (const k of COUNTS) unit[k] = s[k] ?? 0
    units.set(key, unit)
  }
  return [...units.values()]
}

describe('the Measure rows, kept by the writers', () => {
  it('says what the raw snapshots say after several snapshots, counts that go down and a deleted post', async () => {
    const both = await publish('Rye or spelt this weekend?', ['baker', 'cook'])
    const gone = await publish('Oven trouble, back soon', ['baker'])
    const rye = statusOf('baker', 'Rye or spelt')
    const ryeCook = statusOf('cook', 'Rye or spelt')
    const oven = statusOf('baker', 'Oven trouble')
    const [anna, ben, carla] = ['anna', 'ben', 'carla'].map((name) =>
      d.fake.actor(d.fake.createUser(name)),
    ) as [FakeActor, FakeActor, FakeActor]
    for (const fan of [anna, ben, carla]) fan.favourite(rye)
    anna.reblog(rye)
    ben.reply(rye, 'Spelt, always')
    carla.favourite(ryeCook)
    carla.favourite(oven)
    await snapshotAll([both, gone])

    carla.reblog(rye)
    anna.reply(ryeCook, 'Rye!')
    await snapshotAll([both, gone])

    // Counts go down: a repost taken back; and the oven post is deleted on the network (read
    // past the grace a just-published post gets before it counts as deleted).
    const reblog = [...d.fake.state.statuses.values()].find(
      (s) => s.reblogOfId === rye && !s.deleted,
    )
    d.fake.state.deleteStatus(reblog?.accountId ?? '', reblog?.id ?? '')
    d.fake.state.deleteStatus(d.accounts.baker?.user.id ?? '', oven)
    await snapshotAll([both, gone], new Date(Date.now() + 15 * 60_000))

    const raw = await fromRawSnapshots()
    const measured = await d.t.database.db
      .select()
      .from(measureUnits)
      .where(eq(measureUnits.workspaceId, ws()))
    const key = (u: { postId: unknown; accountId: unknown }) => `${u.postId}:${u.accountId}`
    const sorted = <T extends { postId: unknown; accountId: unknown }>(units: T[]) =>
      [...units].sort((a, b) => key(a).localeCompare(key(b)))
    expect(
      sorted(
        measured.map((u) => ({
          postId: u.postId,
          accountId: u.accountId,
          deleted: u.deleted,
          ...Object.fromEntries(COUNTS.map((k) => [k, u[k]])),
        })),
      ),
    ).toEqual(sorted(raw))
    const of = (postId: string, name: string) =>
      measured.find((u) => u.postId === postId && u.accountId === d.accounts[name]?.accountId)
    // What happened on the network, as the report has it: the repost taken back counts no more,
    // the deleted post keeps its last counts and says it is deleted.
    expect(of(both.id, 'baker')).toMatchObject({ likes: 3, reposts: 1, replies: 1, deleted: false })
    expect(of(both.id, 'cook')).toMatchObject({ likes: 1, replies: 1, deleted: false })
    expect(of(gone.id, 'baker')).toMatchObject({ likes: 1, deleted: true })
    // By a label a post is the unit: its variants summed, deleted only when all of them are.
    const postOf = async (id: string) =>
      (await d.t.database.db.select().from(measurePosts).where(eq(measurePosts.postId, id)))[0]
    expect(await postOf(both.id)).toMatchObject({
      likes: 4,
      reposts: 1,
      replies: 2,
      deleted: false,
    })
    expect(await postOf(gone.id)).toMatchObject({ likes: 1, deleted: true })
    const snapshots = await d.t.database.db.select().from(engagementSnapshots)
    expect(snapshots).toHaveLength(9)
  }, 60_000)
})
