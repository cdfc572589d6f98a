import { eq } from 'drizzle-orm'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_PUBLIC_URL, TEST_SECRET, type TestApp } from '../../test/app.ts'
import { connectMastodonAccount } from '../../test/connect-mastodon.ts'
import { type FaultProxy, startFaultProxy } from '../../test/peers/fault-proxy.ts'
import { type MastodonFake, startMastodonFake } from '../../test/peers/mastodon-fake/index.ts'
import type { MastodonCredentials } from '../networks/mastodon/index.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { startWorker, type Worker } from '../queue/worker.ts'
import { openCredentials, sealCredentials } from '../security/seal-credentials.ts'
import { accounts } from '../store/schema/index.ts'
import { createDeliverJob } from './deliver-job.ts'

// The whole engine against the STRICT contract fake (a schema-validating server that speaks the
// Mastodon client API, with limits of its own): API → deliveries → worker → adapter → fake,
// with a fault proxy in between; what the fake holds is the judge.
let t: TestApp
let fake: MastodonFake
let proxy: FaultProxy
let worker: Worker
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let baker: Awaited<ReturnType<typeof connectMastodonAccount>>
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
const statuses = (request: { method: string; path: string }) =>
  request.method === 'POST' && request.path === '/api/v1/statuses'

beforeAll(async () => {
  fake = await startMastodonFake({ strict: true })
  proxy = await startFaultProxy(fake.url)
  t = await createTestApp({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } })
  owner = await t.setupOwner()
  baker = await connectMastodonAccount(t, fake, owner.workspace.id, owner.cookie, 'baker')
  // The worker's requests go through the fault proxy: the stored instance points at it.
  const [row] = await t.database.db.select().from(accounts).where(eq(accounts.id, baker.accountId))
  if (!row) throw new Error('account not stored')
  const scope = { workspaceId: row.workspaceId, accountId: row.id }
  const credentials = openCredentials<MastodonCredentials>(TEST_SECRET, scope, row.credentials)
  await t.database.db
    .update(accounts)
    .set({
      credentials: sealCredentials(TEST_SECRET, scope, { ...credentials, instance: proxy.url }),
    })
    .where(eq(accounts.id, row.id))
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
  await fake?.close()
})

const published = (text: string) =>
  [...fake.state.statuses.values()].filter(
    (s) => s.accountId === baker.user.id && !s.deleted && s.text === text,
  )

async function settled(postId: string) {
  return vi.waitFor(
    async () => {
      const res = await t.request('GET', `${ws()}/posts/${postId}`, { cookie: owner.cookie })
      const states = res.json.variants.flatMap((v: { deliveries: Array<{ state: string }> }) =>
        v.deliveries.map((d) => d.state),
      )
      expect(states).toEqual(states.map(() => 'published'))
      return res.json
    },
    { timeout: 20_000, interval: 100 },
  )
}

async function uploadImage(altText: string) {
  const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#c46210' } })
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

describe('delivering to a strict Mastodon-API server', () => {
  it('a scheduled post with an image, a hashtag and a link is published once', async () => {
    const imageId = await uploadImage('A loaf of bread on a table')
    const text = 'Fresh bread at nine #baking https://example.com/bread'
    const res = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: {
        variants: [
          {
            accountId: baker.accountId,
            text,
            mediaIds: [imageId],
            link: { url: 'https://example.com/bread' },
            language: 'en',
          },
        ],
        schedule: { at: new Date(Date.now() + 1_000).toISOString() },
      },
    })
    expect(res.status, res.text).toBe(201)
    const post = await settled(res.json.id)
    const [status] = published(text)
    expect(published(text)).toHaveLength(1)
    expect(post.variants[0].uri).toBe(status?.id)
    expect(post.variants[0].url).toBe(`${fake.url}/@baker/${status?.id}`)
    expect(status?.language).toBe('en')
    expect(status?.content).toContain('class="mention hashtag" rel="tag">#<span>baking</span>')
    expect(status?.content).toContain('<a href="https://example.com/bread"')
    const media = status?.mediaIds.map((id) => fake.state.media.get(id))
    expect(media?.map((m) => m?.description)).toEqual(['A loaf of bread on a table'])
    expect(proxy.requests.filter(statuses)).toHaveLength(1)
  })

  it('an answer lost after the server wrote the post: found again by what was sent, never failed, never twice', async () => {
    proxy.reset()
    proxy.script({ match: statuses, fault: { kind: 'drop-response' }, times: 1 })
    const text = 'Lost in the mail #baking https://example.com/mail'
    const res = await t.request('POST', `${ws()}/posts`, {
      cookie: owner.cookie,
      body: { variants: [{ accountId: baker.accountId, text }], schedule: { now: true } },
    })
    expect(res.status, res.text).toBe(201)
    const post = await settled(res.json.id)
    expect(published(text)).toHaveLength(1)
    expect(post.variants[0].uri).toBe(published(text)[0]?.id)
    // The write, then the reconciling probe by key (refused: the body is validated first),
    // then the account's recent statuses, where the post was found; nothing sent again.
    const asked = proxy.requests.map((r) => `${r.method} ${r.path.split('?')[0]} ${r.fault}`)
    expect(asked.filter((r) => r.includes('/statuses'))).toEqual([
      'POST /api/v1/statuses drop-response',
      'POST /api/v1/statuses pass',
      `GET /api/v1/accounts/${baker.user.id}/statuses pass`,
    ])
  })
})
