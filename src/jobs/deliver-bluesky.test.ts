import { AtpAgent, ids } from '@atproto/api'
import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_PUBLIC_URL, TEST_SECRET, type TestApp } from '../../test/app.ts'
import { startFeedServer } from '../../test/feed-server.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { listPostRecords } from '../../test/peers/atproto-records.ts'
import { type FaultProxy, startFaultProxy } from '../../test/peers/fault-proxy.ts'
import { openAccountSession } from '../commands/open-account-session.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { enqueueMany } from '../queue/enqueue.ts'
import { deliverSpec } from '../queue/specs/deliver-spec.ts'
import { startWorker, type Worker } from '../queue/worker.ts'
import { openCredentials, sealCredentials } from '../security/seal-credentials.ts'
import { accounts, deliveries } from '../store/schema/index.ts'
import { createDeliverJob } from './deliver-job.ts'

// The whole engine against the local AT Protocol network: API → deliveries → worker →
// adapter → a real PDS, with a fault proxy in between; the repository is the judge.
let t: TestApp
let worker: Worker
let proxy: FaultProxy
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let person: TestAccount
let accountId: string
let pds: AtpAgent
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`

beforeAll(async () => {
  const network = await atprotoNetwork()
  pds = new AtpAgent({ service: network.pds })
  proxy = await startFaultProxy(network.pds)
  t = await createTestApp({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc },
  })
  owner = await t.setupOwner()
  person = await createTestAccount('engine')
  const connected = await t.request('POST', `${ws()}/accounts/bluesky`, {
    cookie: owner.cookie,
    body: { identifier: person.handle, appPassword: person.appPassword, service: network.pds },
  })
  expect(connected.status, connected.text).toBe(201)
  accountId = connected.json.id
  // The worker's requests go through the fault proxy: the stored PDS address points at it.
  const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, accountId))
  if (!row) throw new Error('account not stored')
  const scope = { workspaceId: row.workspaceId, accountId }
  const credentials = openCredentials<{ service: string }>(TEST_SECRET, scope, row.credentials)
  await t.database.db
    .update(accounts)
    .set({
      credentials: sealCredentials(TEST_SECRET, scope, { ...credentials, service: proxy.url }),
    })
    .where(eq(accounts.id, accountId))
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
  await proxy?.close()
})

type PostRecord = {
  text: string
  reply?: { root: { uri: string }; parent: { uri: string } }
  embed?: {
    images?: Array<{ alt: string }>
    external?: { uri: string; title: string; thumb?: { mimeType: string; size: number } }
  }
}

/** Every post in the account's repository, read on the PDS itself (past the proxy). */
async function repository() {
  const records = await listPostRecords(pds, person.did)
  return records.map((r) => ({ uri: r.uri, value: r.value as PostRecord }))
}

async function settled(postId: string) {
  return vi.waitFor(
    async () => {
      const res = await t.request('GET', `${ws()}/posts/${postId}`, { cookie: owner.cookie })
      const states = res.json.variants.flatMap((v: { deliveries: Array<{ state: string }> }) =>
        v.deliveries.map((d) => d.state),
      )
      expect(states.every((s: string) => s === 'published')).toBe(true)
      return res.json
    },
    { timeout: 20_000, interval: 100 },
  )
}

async function uploadImage(altText: string) {
  const png = await sharp({
    create: { width: 64, height: 48, channels: 3, background: '#c46210' },
  })
    .png()
    .toBuffer()
  const form = new FormData()
  form.set('file', new File([png], 'bread.png', { type: 'image/png' }))
  form.set('altText', altText)
  const res = await t.app.request(`${TEST_PUBLIC_URL}${ws()}/media`, {
    method: 'POST',
    headers: { cookie: owner.cookie },
    body: form,
  })
  expect(res.status).toBe(201)
  return ((await res.json()) as { id: string }).id
}

describe('delivering to Bluesky', () => {
  it('publishes a thread with an image once, each segment replying to the one before', async () => {
    const imageId = await uploadImage('A loaf of bread on a table')
    const res = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: {
        variants: [
          {
            accountId,
            text: 'Bread thread 1/3 #baking',
            mediaIds: [imageId],
            thread: [{ text: 'Bread thread 2/3' }, { text: 'Bread thread 3/3' }],
          },
        ],
        schedule: { now: true },
      },
    })
    expect(res.status, res.text).toBe(201)
    const post = await settled(res.json.id)
    const [first, second, third] = post.variants[0].deliveries
    expect(first.url).toMatch(/^https:\/\/bsky\.app\/profile\/.+\/post\//)

    const records = (await repository()).filter((r) => r.value.text.startsWith('Bread thread'))
    expect(records.map((r) => r.value.text).sort()).toEqual([
      'Bread thread 1/3 #baking',
      'Bread thread 2/3',
      'Bread thread 3/3',
    ])
    const byUri = new Map(records.map((r) => [r.uri, r.value]))
    expect(byUri.get(first.uri)?.embed?.images?.[0]?.alt).toBe('A loaf of bread on a table')
    expect(byUri.get(second.uri)?.reply).toMatchObject({
      root: { uri: first.uri },
      parent: { uri: first.uri },
    })
    expect(byUri.get(third.uri)?.reply).toMatchObject({
      root: { uri: first.uri },
      parent: { uri: second.uri },
    })
  })

  it('a link card goes with its image: fetched from its address as the post goes out, uploaded as the thumbnail', async () => {
    const png = await sharp({
      create: { width: 40, height: 21, channels: 3, background: '#e0b050' },
    })
      .png()
      .toBuffer()
    const images = await startFeedServer()
    images.on('/loaf.png', (_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png' })
      res.end(png)
    })
    try {
      const link = {
        url: 'https://kitchen.example/sourdough',
        title: 'Sourdough, explained',
        imageUrl: images.url('/loaf.png'),
      }
      const res = await t.request('POST', `${ws()}/posts`, {
        cookie: owner.cookie,
        body: {
          variants: [
            { accountId, text: 'Card with a loaf https://kitchen.example/sourdough', link },
          ],
          schedule: { now: true },
        },
      })
      expect(res.status, res.text).toBe(201)
      const post = await settled(res.json.id)
      const record = (await repository()).find((r) => r.uri === post.variants[0].deliveries[0].uri)
      expect(record?.value.embed?.external).toMatchObject({
        uri: link.url,
        title: link.title,
        thumb: { mimeType: 'image/png', size: png.length },
      })
      expect(images.requests.map((r) => r.path)).toEqual(['/loaf.png'])
    } finally {
      await images.close()
    }
  })

  it('a response lost after the PDS wrote the post: reconciled by its key, never posted twice', async () => {
    proxy.reset()
    proxy.script({
      match: `/xrpc/${ids.ComAtprotoRepoCreateRecord}`,
      fault: { kind: 'drop-response' },
      times: 1,
    })
    const res = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: { variants: [{ accountId, text: 'Lost in the mail' }], schedule: { now: true } },
    })
    expect(res.status, res.text).toBe(201)
    // The first attempt's answer never arrives: the delivery says it will check, then retries.
    const waiting = await vi.waitFor(
      async () => {
        const got = await t.request('GET', `${ws()}/posts/${res.json.id}`, {
          cookie: owner.cookie,
        })
        expect(got.json.variants[0].state).toBe('retry_wait')
        return got.json.variants[0]
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(waiting.error).toMatch(/Attempt 1 failed/)
    const post = await settled(res.json.id)
    const mine = (await repository()).filter((r) => r.value.text === 'Lost in the mail')
    expect(mine).toHaveLength(1)
    expect(mine[0]?.uri).toBe(post.variants[0].uri)
    const writes = proxy.requests.filter((r) => r.path.includes(ids.ComAtprotoRepoCreateRecord))
    expect(writes.map((w) => w.fault)).toEqual(['drop-response'])
  })

  it('a worker killed after its claim: the next run asks the PDS first, and sends only what is missing', async () => {
    const schedule = { at: new Date(Date.now() + 86_400_000).toISOString() }
    const make = async (text: string) => {
      const res = await t.request('POST', `${ws()}/posts`, {
        cookie: owner.cookie,
        body: { variants: [{ accountId, text }], schedule },
      })
      expect(res.status, res.text).toBe(201)
      const [row] = await t.database.db
        .select()
        .from(deliveries)
        .where(eq(deliveries.postId, res.json.id))
      if (!row) throw new Error('no delivery')
      return row
    }
    // One worker died after the PDS wrote its post, the other before it sent anything.
    const wrote = await make('Written before the crash')
    const sentNothing = await make('Nothing sent before the crash')
    const [account] = await t.database.db.select().from(accounts).where(eq(accounts.id, accountId))
    if (!account) throw new Error('no account')
    const registry = createNetworkRegistry(t.config)
    const landed = await registry.bluesky.publish(
      openAccountSession(t.database.db, TEST_SECRET, account),
      { idempotencyKey: wrote.publishKey, text: 'Written before the crash' },
    )
    const now = new Date()
    for (const delivery of [wrote, sentNothing]) {
      await t.database.db
        .update(deliveries)
        .set({ state: 'claimed', dueAt: now, runAt: now })
        .where(eq(deliveries.id, delivery.id))
    }
    proxy.reset()
    // The dead worker's jobs come back once their lease passes; here they come back at once.
    await enqueueMany(
      t.database,
      deliverSpec,
      [wrote, sentNothing].map((d) => ({ payload: { deliveryId: d.id }, runAt: now })),
    )
    for (const delivery of [wrote, sentNothing]) await settled(delivery.postId)
    const records = await repository()
    const texts = records.map((r) => r.value.text)
    expect(texts.filter((x) => x === 'Written before the crash')).toHaveLength(1)
    expect(texts.filter((x) => x === 'Nothing sent before the crash')).toHaveLength(1)
    const [after] = await t.database.db.select().from(deliveries).where(eq(deliveries.id, wrote.id))
    expect(after?.uri).toBe(landed.uri)
    // Only the missing one was written again.
    const writes = proxy.requests.filter((r) => r.path.includes(ids.ComAtprotoRepoCreateRecord))
    expect(writes).toHaveLength(1)
  })
})
