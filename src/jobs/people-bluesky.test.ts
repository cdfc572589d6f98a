import { AtpAgent, ids } from '@atproto/api'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_SECRET, type TestApp } from '../../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { startWorker, type Worker } from '../queue/worker.ts'
import { auditLog } from '../store/schema/index.ts'
import { createPeopleJobs } from './people-jobs.ts'

// End to end on the local AT Protocol network: API → sync jobs in a real worker → the
// Bluesky adapter → PDS and AppView, and back out through a person's follow.
let t: TestApp
let worker: Worker
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let ours: TestAccount
let accountId: string
let pds: AtpAgent
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
const settle = { timeout: 30_000, interval: 200 }

beforeAll(async () => {
  const network = await atprotoNetwork()
  pds = new AtpAgent({ service: network.pds })
  t = await createTestApp({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc },
  })
  owner = await t.setupOwner()
  ours = await createTestAccount('bakery')
  const connected = await t.request('POST', `${ws()}/accounts/bluesky`, {
    cookie: owner.cookie,
    body: { identifier: ours.handle, appPassword: ours.appPassword, service: network.pds },
  })
  expect(connected.status, connected.text).toBe(201)
  accountId = connected.json.id
  // No pause between requests: the pace is tested in core; here the network is the judge.
  const people = createPeopleJobs({
    networks: createNetworkRegistry(t.config),
    secret: TEST_SECRET,
    step: { gapMs: 0 },
  })
  worker = await startWorker({ database: t.database, definitions: people.definitions })
})
afterAll(async () => {
  await worker?.stop(2_000)
  await t?.close()
})

/** Asks for a sync and waits until both lists are read to the end. */
async function syncNow() {
  // A sync that finished before this request says nothing about what this one saw.
  const asked = Date.now() - 1_000
  const res = await t.request('POST', `${ws()}/accounts/${accountId}/people/sync`, {
    cookie: owner.cookie,
  })
  expect(res.status, res.text).toBe(202)
  return vi.waitFor(async () => {
    const summary = await t.request('GET', `${ws()}/people`, { cookie: owner.cookie })
    const mine = summary.json.items.find((s: { accountId: string }) => s.accountId === accountId)
    expect(mine.sync.followers.state).toBe('idle')
    expect(mine.sync.follows.state).toBe('idle')
    expect(Date.parse(mine.sync.followers.finishedAt)).toBeGreaterThanOrEqual(asked)
    expect(Date.parse(mine.sync.follows.finishedAt)).toBeGreaterThanOrEqual(asked)
    return mine
  }, settle)
}

async function followRecords() {
  const { data } = await pds.com.atproto.repo.listRecords({
    repo: ours.did,
    collection: ids.AppBskyGraphFollow,
    limit: 100,
  })
  return data.records.map((r) => (r.value as { subject: string }).subject)
}

describe('people on Bluesky, end to end', () => {
  // Under load the AppView may not have indexed the account yet and refuse the first listing;
  // the follow's own time keeps the fan out of the baseline (commands/sync-people-baseline.test.ts).
  it('a new follower appears in review with context; following back writes one follow record, audited with the person', async () => {
    const started = performance.now()
    await syncNow()
    const fan = await createTestAccount('fan')
    await fan.agent.upsertProfile(() => ({
      displayName: 'Fan Person',
      description: 'Rye and rust',
    }))
    await fan.agent.post({ text: 'my first loaf' })
    await fan.agent.follow(ours.did)

    // The AppView indexes on its own time: sync again until the follower is there.
    const card = await vi.waitFor(async () => {
      await syncNow()
      const queue = await t.request('GET', `${ws()}/accounts/${accountId}/followers?status=new`, {
        cookie: owner.cookie,
      })
      expect(queue.status, queue.text).toBe(200)
      expect(queue.json.items).toHaveLength(1)
      return queue.json.items[0]
    }, settle)
    const appeared = performance.now()
    expect(card).toMatchObject({
      id: fan.did,
      handle: fan.handle,
      displayName: 'Fan Person',
      bio: 'Rye and rust',
      url: `https://bsky.app/profile/${fan.handle}`,
      accountAgeDays: 0,
      posts: 1,
      following: 1,
      lastPostAt: expect.any(String),
      contextPending: false,
      followsYou: true,
      youFollow: false,
      review: 'new',
      talked: { ever: false },
      note: { mention: `@${fan.handle}`, directMessage: false },
    })
    expect(card.spam.summary).toMatch(/^account \d+ minutes? old$/)

    const res = await t.request('POST', `${ws()}/accounts/${accountId}/follow`, {
      cookie: owner.cookie,
      body: { profileId: fan.did },
    })
    expect(res.status, res.text).toBe(200)
    expect(res.json.person).toMatchObject({ youFollow: true, review: 'followed_back' })
    expect(await followRecords()).toEqual([fan.did])

    const again = await t.request('POST', `${ws()}/accounts/${accountId}/follow`, {
      cookie: owner.cookie,
      body: { profileId: fan.did },
    })
    expect(again.status).toBe(409)
    expect(await followRecords()).toEqual([fan.did])

    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'person.followed'))
    expect(audit).toEqual([
      expect.objectContaining({
        actorUserId: owner.user.id,
        workspaceId: owner.workspace.id,
        targetId: fan.did,
        data: expect.objectContaining({ handle: fan.handle, followedBack: true }),
      }),
    ])
    // The follow is known to the next sync too: still one record, and it is in "following".
    await syncNow()
    const following = await t.request('GET', `${ws()}/accounts/${accountId}/following`, {
      cookie: owner.cookie,
    })
    expect(following.json.items.map((c: { id: string }) => c.id)).toEqual([fan.did])
    console.info(
      `people e2e: follower in review ${Math.round(appeared - started)} ms after the first sync began; whole scenario ${Math.round(performance.now() - started)} ms`,
    )
    // Several syncs against the AppView's own indexing: under a loaded machine this takes longer.
  }, 90_000)
})
