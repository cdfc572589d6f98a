import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startFaultProxy } from '../../../test/peers/fault-proxy.ts'
import {
  type FakeUser,
  type MastodonFake,
  startMastodonFake,
} from '../../../test/peers/mastodon-fake/index.ts'
import {
  connectByOAuth,
  type SavedSession,
  testAdapter,
} from '../../../test/peers/mastodon-harness.ts'
import { failureOf, TINY_PNG } from '../contract-suite.ts'
import type { PublishRequest } from '../types.ts'

const HOUR = 60 * 60 * 1000

// After a lost answer the delivery engine asks `findPublished` with the key and what it sent.
describe('reconciling a lost answer on a server that validates before the Idempotency-Key', () => {
  let fake: MastodonFake
  let me: FakeUser
  let session: SavedSession
  let clock = Date.now()
  const adapter = testAdapter({ now: () => clock })
  beforeAll(async () => {
    fake = await startMastodonFake({ strict: true, mediaProcessingPolls: 0, now: () => clock })
    me = fake.createUser('reconciled')
    session = await connectByOAuth(adapter, fake, me)
  })
  afterAll(() => fake.close())
  const statusRequests = () => fake.requests.filter((r) => r.path.includes('/statuses')).length

  it('finds the post among the last hour of the account, by what was sent', async () => {
    const request: PublishRequest = {
      idempotencyKey: 'lost',
      text: 'Fresh bread\n\n#baking with @reconciled@example.social https://example.com/bread',
      contentWarning: 'carbs',
      images: [{ bytes: TINY_PNG, mimeType: 'image/png', altText: 'a loaf' }],
    }
    const post = await adapter.publish(session, request)
    expect(await adapter.findPublished(session, 'lost', request)).toEqual(post)
    // The same words, but not the same post: another parent, no image, no warning.
    expect(
      await adapter.findPublished(session, 'lost', {
        ...request,
        replyTo: { uri: post.uri },
      }),
    ).toBeNull()
    expect(
      await adapter.findPublished(session, 'lost', { ...request, images: undefined }),
    ).toBeNull()
    expect(
      await adapter.findPublished(session, 'lost', { ...request, contentWarning: undefined }),
    ).toBeNull()
    expect(
      await adapter.findPublished(session, 'never', { idempotencyKey: 'never', text: 'never' }),
    ).toBeNull()
  })

  it("looks no further back than the key's replay window", async () => {
    const request = { idempotencyKey: 'old', text: 'said an hour ago' }
    const post = await adapter.publish(session, request)
    clock += HOUR - 1000
    expect(await adapter.findPublished(session, 'old', request)).toEqual(post)
    clock += 2000
    expect(await adapter.findPublished(session, 'old', request)).toBeNull()
  })

  it('cannot tell without what was sent: transient, never rejected', async () => {
    expect(await failureOf(adapter.findPublished(session, 'lost'))).toMatchObject({
      kind: 'transient',
    })
  })

  it('cannot tell when the instance refuses the lookup: transient, never rejected', async () => {
    const proxy = await startFaultProxy(fake.url)
    try {
      const behind = await connectByOAuth(adapter, fake, fake.createUser('behind'), proxy.url)
      proxy.script({
        match: (r) => r.method === 'GET' && r.path.includes('/statuses'),
        fault: { kind: 'status', status: 404, body: { error: 'Record not found' } },
      })
      const failure = await failureOf(
        adapter.findPublished(behind, 'k', { idempotencyKey: 'k', text: 'maybe out' }),
      )
      expect(failure).toEqual({
        kind: 'transient',
        message:
          'could not tell whether the post is out: The Mastodon instance refused it: Record not found',
      })
    } finally {
      await proxy.close()
    }
  })

  it('cannot tell past 200 posts in the hour: transient, never rejected', async () => {
    const busy = fake.createUser('busy')
    const busySession = await connectByOAuth(adapter, fake, busy)
    for (let n = 0; n < 201; n++) fake.state.createStatus(busy.id, { text: `post ${n}` })
    const before = statusRequests()
    const failure = await failureOf(
      adapter.findPublished(busySession, 'k', { idempotencyKey: 'k', text: 'not there' }),
    )
    expect(failure).toMatchObject({ kind: 'transient' })
    // The probe, then five pages of 40.
    expect(statusRequests() - before).toBe(6)
  })
})

describe('reconciling on Mastodon, which looks the Idempotency-Key up first', () => {
  let fake: MastodonFake
  let session: SavedSession
  const adapter = testAdapter()
  beforeAll(async () => {
    fake = await startMastodonFake()
    session = await connectByOAuth(adapter, fake, fake.createUser('keyed'))
  })
  afterAll(() => fake.close())

  it("decides by the key alone: the key's status, or none (422), with one request", async () => {
    const request = { idempotencyKey: 'keyed', text: 'by key' }
    const post = await adapter.publish(session, request)
    let before = fake.requests.length
    expect(await adapter.findPublished(session, 'keyed', request)).toEqual(post)
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/api/v1/statuses'])
    before = fake.requests.length
    // The same words under another key were never sent with it: the key decides.
    expect(
      await adapter.findPublished(session, 'other', { ...request, idempotencyKey: 'other' }),
    ).toBeNull()
    expect(fake.requests.slice(before).map((r) => r.path)).toEqual(['/api/v1/statuses'])
  })
})
