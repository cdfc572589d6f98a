import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type MastodonFake, startMastodonFake } from '../../../test/peers/mastodon-fake/index.ts'
import {
  connectByOAuth,
  type SavedSession,
  testAdapter,
} from '../../../test/peers/mastodon-harness.ts'
import { failureOf, TINY_PNG } from '../contract-suite.ts'
import { idempotencyKeyFor } from './publish.ts'

describe('Mastodon publishing against the contract fake', () => {
  let fake: MastodonFake
  let session: SavedSession
  const adapter = testAdapter()
  beforeAll(async () => {
    fake = await startMastodonFake({ mediaProcessingPolls: 3 })
    session = await connectByOAuth(adapter, fake, fake.createUser('writer'))
  })
  afterAll(() => fake.close())

  const image = (altText: string) => ({ bytes: TINY_PNG, mimeType: 'image/png', altText })

  it('uploads images with their descriptions, waits for processing, then posts them', async () => {
    const post = await adapter.publish(session, {
      idempotencyKey: 'media-1',
      text: 'two pixels',
      images: [image('the first pixel'), image('the second pixel')],
    })
    const status = fake.state.liveStatus(post.uri)
    expect(status?.mediaIds).toHaveLength(2)
    const media = status?.mediaIds.map((id) => fake.state.media.get(id))
    expect(media?.map((m) => m?.description)).toEqual(['the first pixel', 'the second pixel'])
    expect(media?.every((m) => m?.pollsLeft === 0)).toBe(true)
    const polls = fake.requests.filter(
      (r) => r.method === 'GET' && r.path.startsWith('/api/v1/media/'),
    )
    // Three 206 answers, then the 200, for each image.
    expect(polls).toHaveLength(8)
    expect(post.url).toBe(`${fake.url}/@writer/${post.uri}`)
  })

  it('gives up on media that never finishes processing, as transient, without posting', async () => {
    const slow = await startMastodonFake({ mediaProcessingPolls: 1000 })
    try {
      const impatient = testAdapter({
        mediaPolling: { firstDelayMs: 5, maxDelayMs: 10, timeoutMs: 100 },
      })
      const writer = await connectByOAuth(impatient, slow, slow.createUser('slowpoke'))
      const failure = await failureOf(
        impatient.publish(writer, { idempotencyKey: 'slow', text: 'x', images: [image('px')] }),
      )
      expect(failure).toMatchObject({ kind: 'transient' })
      expect(slow.state.counts(writer.credentials.accountId).statuses).toBe(0)
    } finally {
      await slow.close()
    }
  })

  it('threads replies, with content warning, visibility and language', async () => {
    const root = await adapter.publish(session, { idempotencyKey: 'thread-1', text: 'one/2' })
    const reply = await adapter.publish(session, {
      idempotencyKey: 'thread-2',
      text: 'two/2',
      replyTo: { uri: root.uri, rootUri: root.uri },
      contentWarning: 'spoilers',
      visibility: 'followers',
      language: 'de',
    })
    expect(fake.state.liveStatus(reply.uri)).toMatchObject({
      inReplyToId: root.uri,
      spoilerText: 'spoilers',
      visibility: 'private',
      language: 'de',
    })
    const unlisted = await adapter.publish(session, {
      idempotencyKey: 'unlisted',
      text: 'quiet',
      visibility: 'unlisted',
    })
    expect(fake.state.liveStatus(unlisted.uri)?.visibility).toBe('unlisted')
  })

  it('sends one Idempotency-Key per caller key, and finds the post by it within the hour', async () => {
    expect(idempotencyKeyFor('delivery-7')).toBe(idempotencyKeyFor('delivery-7'))
    expect(idempotencyKeyFor('delivery-7')).not.toBe(idempotencyKeyFor('delivery-8'))
    expect(idempotencyKeyFor('delivery-7')).toMatch(/^sous-[\w-]{43}$/)
    const post = await adapter.publish(session, { idempotencyKey: 'delivery-7', text: 'keyed' })
    const stored = fake.state.idempotency.get(
      `${session.credentials.accountId}:${idempotencyKeyFor('delivery-7')}`,
    )
    expect(stored?.statusId).toBe(post.uri)
    expect(await adapter.findPublished(session, 'delivery-7')).toEqual(post)
    const before = fake.state.statuses.size
    expect(await adapter.findPublished(session, 'never-published')).toBeNull()
    expect(fake.state.statuses.size).toBe(before)
  })

  it('deletes a post, and deleting it again is fine', async () => {
    const post = await adapter.publish(session, { idempotencyKey: 'gone', text: 'bye' })
    await adapter.deletePost(session, post.uri)
    expect(fake.state.liveStatus(post.uri)).toBeUndefined()
    await adapter.deletePost(session, post.uri)
  })

  it("refuses ids that are not Mastodon's before they reach a URL path", async () => {
    const failure = await failureOf(adapter.deletePost(session, '../accounts/1/follow'))
    expect(failure).toMatchObject({ kind: 'rejected' })
  })

  it('passes on what the instance refused, with its words', async () => {
    // The stored limits say 500, the instance says 100: the instance has the last word.
    fake.state.limits.maxCharacters = 100
    try {
      const failure = await failureOf(
        adapter.publish(session, { idempotencyKey: 'long', text: 'a'.repeat(200) }),
      )
      expect(failure).toEqual({
        kind: 'rejected',
        reason:
          'The Mastodon instance refused it: Validation failed: Text character limit of 100 exceeded',
      })
    } finally {
      fake.state.limits.maxCharacters = 500
    }
  })
})
