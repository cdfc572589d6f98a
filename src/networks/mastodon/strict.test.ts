import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  type FakeActor,
  type FakeUser,
  type MastodonFake,
  STRICT_LIMITS,
  startMastodonFake,
} from '../../../test/peers/mastodon-fake/index.ts'
import {
  connectByOAuth,
  type SavedSession,
  testAdapter,
} from '../../../test/peers/mastodon-harness.ts'
import { failureOf, TINY_PNG } from '../contract-suite.ts'
import type { InboxEvent } from '../types.ts'

// The strictest server that speaks the Mastodon client API (the contract fake in strict mode):
// it validates types, refuses null and undocumented fields, pages with its own parameter,
// refuses without an `error` field and advertises limits of its own.
describe('Mastodon against a strict server', () => {
  let fake: MastodonFake
  let me: FakeUser
  let session: SavedSession
  let bob: FakeActor
  const adapter = testAdapter()
  beforeAll(async () => {
    fake = await startMastodonFake({ strict: true, mediaProcessingPolls: 1 })
    me = fake.createUser('strictme')
    session = await connectByOAuth(adapter, fake, me)
    bob = fake.actor(fake.createUser('strictbob'))
  })
  afterAll(() => fake.close())
  const image = (altText: string) => ({ bytes: TINY_PNG, mimeType: 'image/png', altText })

  it("connects by OAuth and keeps the server's own limits", () => {
    expect(session.credentials.limits).toMatchObject({
      maxCharacters: STRICT_LIMITS.maxCharacters,
      charactersReservedPerUrl: STRICT_LIMITS.charactersReservedPerUrl,
      maxMediaAttachments: STRICT_LIMITS.maxMediaAttachments,
      imageSizeLimit: STRICT_LIMITS.imageSizeLimit,
    })
    expect(adapter.capabilitiesFor(session.credentials).text).toEqual({
      kind: 'mastodon',
      max: 5000,
      urlLength: 256,
    })
  })

  it('publishes with only the fields that have values, images attached with their descriptions', async () => {
    const plain = await adapter.publish(session, { idempotencyKey: 'plain', text: 'just text' })
    expect(fake.state.liveStatus(plain.uri)).toMatchObject({
      text: 'just text',
      spoilerText: '',
      visibility: 'public',
      inReplyToId: null,
    })
    const reply = await adapter.publish(session, {
      idempotencyKey: 'full',
      text: 'with everything https://example.com/bread #baking',
      images: [image('a loaf'), image('a crumb')],
      replyTo: { uri: plain.uri, rootUri: plain.uri },
      contentWarning: 'bread',
      visibility: 'unlisted',
      language: 'de',
    })
    const status = fake.state.liveStatus(reply.uri)
    expect(status).toMatchObject({
      inReplyToId: plain.uri,
      spoilerText: 'bread',
      visibility: 'unlisted',
      language: 'de',
    })
    const media = status?.mediaIds.map((id) => fake.state.media.get(id)?.description)
    expect(media).toEqual(['a loaf', 'a crumb'])
    // Nothing uploaded and left behind.
    const mine = [...fake.state.media.values()].filter((m) => m.accountId === me.id)
    expect(mine.every((m) => m.statusId !== null)).toBe(true)
    const images = await adapter.publish(session, {
      idempotencyKey: 'only-images',
      text: '',
      images: [image('only a pixel')],
    })
    expect(fake.state.liveStatus(images.uri)?.mediaIds).toHaveLength(1)
  })

  it('shows a refusal without an `error` field by its message and first validation error', async () => {
    const failure = await failureOf(
      adapter.publish(session, { idempotencyKey: 'upper', text: 'hallo', language: 'DE' }),
    )
    expect(failure).toEqual({
      kind: 'rejected',
      reason:
        'The Mastodon instance refused it: The request body does not match the API schema: language must be an ISO 639 language code',
    })
  })

  it("pages the inbox and the followers by the link's own query", async () => {
    const subject = await adapter.publish(session, { idempotencyKey: 'talk', text: 'talk to me' })
    const made = [1, 2, 3, 4, 5].map((n) => bob.mention(me, `hello ${n}`).id)
    bob.favourite(subject.uri)
    bob.follow(me)
    const fans = ['fan1', 'fan2', 'fan3'].map((name) => fake.actor(fake.createUser(name)))
    for (const fan of fans) fan.follow(me)
    const before = fake.requests.length

    const pages: InboxEvent[][] = []
    let cursor: string | undefined
    do {
      const page = await adapter.readInbox(session, cursor, 2)
      pages.push(page.items)
      cursor = page.cursor
    } while (cursor && pages.length < 20)
    const events = pages.flat()
    expect(events.filter((e) => e.kind === 'mention').map((e) => e.uri)).toEqual(made.reverse())
    expect(events.map((e) => e.kind)).toEqual([
      'follow',
      'follow',
      'follow',
      'follow',
      'like',
      'mention',
      'mention',
      'mention',
      'mention',
      'mention',
    ])
    expect(pages.length).toBeGreaterThanOrEqual(5)
    const asked = fake.requests.slice(before).map((r) => r.path)
    expect(asked.filter((path) => path.includes('page='))).toHaveLength(pages.length - 1)
    expect(asked.some((path) => path.includes('max_id'))).toBe(false)

    const first = await adapter.listFollowers(session, undefined, 3)
    const rest = await adapter.listFollowers(session, first.cursor, 3)
    expect([...first.items, ...rest.items].map((person) => person.id)).toEqual([
      ...fans.map((fan) => fan.account.id).reverse(),
      bob.account.id,
    ])
  })

  it('takes a refused repeat follow as done, and still passes on other refusals', async () => {
    await adapter.follow(session, bob.account.id)
    await adapter.follow(session, bob.account.id)
    expect(fake.state.isFollowing(me.id, bob.account.id)).toBe(true)
    expect(await failureOf(adapter.follow(session, me.id))).toEqual({
      kind: 'rejected',
      reason: 'The Mastodon instance refused it: This action is not allowed',
    })
  })
})
