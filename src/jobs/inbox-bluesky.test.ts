import { AtpAgent, AtUri } from '@atproto/api'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_SECRET, type TestApp } from '../../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { listPostRecords } from '../../test/peers/atproto-records.ts'
import { indexedPost } from '../../test/peers/bluesky-harness.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { startWorker, type Worker } from '../queue/worker.ts'
import { deliveries } from '../store/schema/index.ts'
import { createDeliverJob } from './deliver-job.ts'
import { createInboxJobs } from './inbox-jobs.ts'

// End to end on the local AT Protocol network: another account answers our post → the poll
// job brings it into the inbox, classified and routed → a person replies → the reply is on
// the PDS once, threaded under theirs. Polling here runs every 1 s while active (our post just
// went out, so it is) and 2 s quiet; the defaults are 15 s and 5 min (core/inbox/poll-interval.ts).
const POLL = { activeMs: 1_000, quietMs: 2_000, activeForMs: 60_000, streamingMs: 60_000 }
let t: TestApp
let worker: Worker
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let dana: Awaited<ReturnType<TestApp['member']>>
let us: TestAccount
let them: TestAccount
let accountId: string
let pds: AtpAgent
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

beforeAll(async () => {
  const network = await atprotoNetwork()
  pds = new AtpAgent({ service: network.pds })
  t = await createTestApp({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc },
  })
  owner = await t.setupOwner()
  dana = await t.member(owner.workspace.id, 'editor', 'dana@example.com')
  us = await createTestAccount('acme')
  them = await createTestAccount('customer')
  const connected = await t.request('POST', `${ws()}/accounts/bluesky`, {
    cookie: owner.cookie,
    body: { identifier: us.handle, appPassword: us.appPassword, service: network.pds },
  })
  expect(connected.status, connected.text).toBe(201)
  accountId = connected.json.id
  const networks = createNetworkRegistry(t.config)
  const inbox = createInboxJobs({ networks, secret: TEST_SECRET, poll: { policy: POLL } })
  worker = await startWorker({
    database: t.database,
    definitions: [createDeliverJob({ networks, secret: TEST_SECRET }), ...inbox.definitions],
    recurring: inbox.recurring,
  })
})
afterAll(async () => {
  await worker?.stop(2_000)
  await t?.close()
})

async function published(postId: string): Promise<{ uri: string }> {
  return vi.waitFor(
    async () => {
      const [row] = await t.database.db
        .select()
        .from(deliveries)
        .where(eq(deliveries.postId, postId))
      if (row?.state !== 'published' || !row.uri) throw new Error(`delivery is ${row?.state}`)
      return { uri: row.uri }
    },
    { timeout: 15_000, interval: 50 },
  )
}

describe('the inbox on the local AT Protocol network', () => {
  it('brings a reply in within one polling interval, routed; a person answers once, threaded under it', async () => {
    const rules = await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          {
            name: 'Complaints on @acme go to Dana',
            conditions: { accountIds: [accountId], kinds: ['complaint'] },
            actions: { assigneeId: dana.user.id, priority: 'high', tags: ['care'] },
          },
        ],
      },
    })
    expect(rules.status, rules.text).toBe(200)

    const post = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId, text: 'Our spring range is out today' }],
        schedule: { now: true },
      },
    })
    expect(post.status, post.text).toBe(201)
    const ours = await published(post.json.id)

    // They see our post in their app first: the AppView notifies a reply only once it holds the parent.
    const indexed = await indexedPost(ours.uri)
    const ourRef = { uri: ours.uri, cid: indexed.cid }
    const sentAt = Date.now()
    const theirs = await them.agent.post({
      text: 'My order from last week never arrived and nobody answers. This is unacceptable.',
      reply: { root: ourRef, parent: ourRef },
    })

    const item = await vi.waitFor(
      async () => {
        const inbox = await t.request('GET', `${ws()}/inbox?status=open`, { cookie: dana.cookie })
        const found = inbox.json.items.find((i: { uri: string }) => i.uri === theirs.uri)
        if (!found) throw new Error('not in the inbox yet')
        return found
      },
      { timeout: 20_000, interval: 100 },
    )
    const seenAfterMs = Date.now() - sentAt
    console.info(`reply in the inbox ${seenAfterMs} ms after it was posted`)
    // One active interval, plus the AppView's indexing (50–700 ms here) and a poll in flight.
    expect(seenAfterMs).toBeLessThan(POLL.activeMs + 3_000)
    expect(item).toMatchObject({
      eventKind: 'reply',
      kind: 'complaint',
      sentiment: 'negative',
      assigneeId: dana.user.id,
      priority: 'high',
      tags: ['care'],
      rule: { name: 'Complaints on @acme go to Dana' },
      author: { handle: them.handle, network: 'bluesky' },
      status: 'open',
    })
    expect(item.reasons.join(' ')).toContain('unacceptable')

    const detail = await t.request('GET', `${ws()}/inbox/${item.id}`, { cookie: dana.cookie })
    expect(detail.status, detail.text).toBe(200)
    expect(detail.json.conversation.ourPost).toMatchObject({
      uri: ours.uri,
      text: 'Our spring range is out today',
    })

    const reply = await t.request('POST', `${ws()}/inbox/${item.id}/reply`, {
      cookie: dana.cookie,
      body: { text: 'I am so sorry, I am looking into your order right now. Dana' },
    })
    expect(reply.status, reply.text).toBe(202)
    const sent = await published(reply.json.postId)
    const records = await listPostRecords(pds, us.did)
    const replies = records.filter((r) => (r.value.text as string).startsWith('I am so sorry'))
    expect(replies).toHaveLength(1)
    expect(replies[0]?.uri).toBe(sent.uri)
    expect(replies[0]?.value.reply).toMatchObject({
      root: { uri: ours.uri },
      parent: { uri: theirs.uri },
    })
    expect(new AtUri(sent.uri).hostname).toBe(us.did)

    const after = await t.request('GET', `${ws()}/inbox/${item.id}`, { cookie: dana.cookie })
    expect(after.json.item).toMatchObject({ status: 'waiting', overdue: false })
    expect(after.json.item.firstResponseAt).not.toBeNull()
    expect(after.json.conversation.replies).toHaveLength(1)

    // A later poll reads the same notifications again: still one item.
    await vi.waitFor(
      async () => {
        const again = await t.request('GET', `${ws()}/inbox`, { cookie: owner.cookie })
        expect(again.json.items.filter((i: { uri: string }) => i.uri === theirs.uri)).toHaveLength(
          1,
        )
        const [sync] = (
          await t.database.db.execute<{ last_polled_at: string }>(
            sql`select last_polled_at from inbox_sync`,
          )
        ).rows
        expect(Date.parse(sync?.last_polled_at ?? '0')).toBeGreaterThan(Date.now() - 1_500)
      },
      { timeout: 10_000, interval: 200 },
    )
  })
})
