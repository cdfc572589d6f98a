import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  type FakeActor,
  type FakeUser,
  type MastodonFake,
  startMastodonFake,
} from '../../../test/peers/mastodon-fake/index.ts'
import {
  connectByOAuth,
  type SavedSession,
  testAdapter,
} from '../../../test/peers/mastodon-harness.ts'
import { type InboxEvent, NetworkError } from '../types.ts'
import { cursorAfter } from './stream-cursor.ts'

// The streaming API and the REST catch-up against the CONTRACT FAKE (test/peers/mastodon-fake).
describe('Mastodon notification stream and catch-up', () => {
  let fake: MastodonFake
  let me: FakeUser
  let session: SavedSession
  let ann: FakeActor
  const adapter = testAdapter({ allowPrivateNetwork: true })
  beforeAll(async () => {
    fake = await startMastodonFake()
    me = fake.createUser('me')
    session = await connectByOAuth(adapter, fake, me)
    ann = fake.actor(fake.createUser('ann'))
  })
  afterAll(() => fake.close())

  it('delivers mentions and direct messages as they happen, a DM as kind "dm"', async () => {
    const events: InboxEvent[] = []
    const closed: string[] = []
    const stream = await adapter.openInboxStream(session, {
      onEvent: (event) => events.push(event),
      onClose: (reason) => closed.push(reason),
    })
    ann.mention(me, 'hello there')
    const dm = ann.directMessage(me, 'a private question?')
    await vi.waitFor(() => expect(events).toHaveLength(2), { timeout: 5_000, interval: 20 })
    expect(events.map((e) => [e.kind, e.text])).toEqual([
      ['mention', '@me hello there'],
      ['dm', '@me a private question?'],
    ])
    expect(events[1]?.uri).toBe(dm.id)
    expect(fake.streaming.open).toBe(1)
    fake.streaming.drop()
    await vi.waitFor(() => expect(closed).toHaveLength(1), { timeout: 5_000, interval: 20 })
    ann.mention(me, 'while you were away')
    await new Promise((resolve) => setTimeout(resolve, 100))
    // No replay: what happened while away never comes on the stream.
    expect(events).toHaveLength(2)
    stream.close()
  })

  it('catches up over REST: newest page first, then only what is newer, page by page', async () => {
    const first = await adapter.readInboxNewer(session, undefined, 2)
    expect(first.items.map((e) => e.text)).toEqual([
      '@me while you were away',
      '@me a private question?',
    ])
    expect(first.cursor).toMatch(/min_id=/)
    const nothing = await adapter.readInboxNewer(session, first.cursor, 2)
    expect(nothing).toEqual({ items: [], cursor: first.cursor })
    for (const n of [1, 2, 3]) ann.mention(me, `new ${n}`)
    const a = await adapter.readInboxNewer(session, first.cursor, 2)
    const b = await adapter.readInboxNewer(session, a.cursor, 2)
    const c = await adapter.readInboxNewer(session, b.cursor, 2)
    // min_id pages upward: the two just above the cursor, then the next, then none.
    expect([a, b, c].map((page) => page.items.map((e) => e.text))).toEqual([
      ['@me new 2', '@me new 1'],
      ['@me new 3'],
      [],
    ])
  })

  it('moves a min_id cursor past what the stream delivered, never backwards; an opaque one stays', () => {
    expect(cursorAfter('min_id=100&limit=40', '120')).toBe('min_id=120&limit=40')
    expect(cursorAfter('min_id=100', '99')).toBe('min_id=100')
    expect(cursorAfter('min_id=99999999999999999', '100000000000000000')).toBe(
      'min_id=100000000000000000',
    )
    expect(cursorAfter('page=bmV3ZXI6MTAw', '120')).toBe('page=bmV3ZXI6MTAw')
    expect(cursorAfter(undefined, '120')).toBe('min_id=120')
  })

  it('says the token is refused (auth expired) and never dials a private address unguarded', async () => {
    const other = fake.createUser('revoked')
    const revoked = await connectByOAuth(adapter, fake, other)
    fake.revokeToken(revoked.credentials.accessToken)
    const refused = await adapter
      .openInboxStream(revoked, { onEvent: () => {}, onClose: () => {} })
      .catch((error) => error)
    expect(refused).toBeInstanceOf(NetworkError)
    expect(refused.failure.kind).toBe('auth_expired')

    const guarded = testAdapter({ allowPrivateNetwork: false })
    const blocked = await guarded
      .openInboxStream(session, { onEvent: () => {}, onClose: () => {} })
      .catch((error) => error)
    expect(blocked).toBeInstanceOf(NetworkError)
    expect(blocked.message).toMatch(/private or reserved address/)
  })
})

describe('catch-up on a strict server (its own opaque page parameter, min_id refused)', () => {
  let fake: MastodonFake
  let session: SavedSession
  let me: FakeUser
  const adapter = testAdapter({ allowPrivateNetwork: true })
  beforeAll(async () => {
    fake = await startMastodonFake({ strict: true })
    me = fake.createUser('me')
    session = await connectByOAuth(adapter, fake, me)
  })
  afterAll(() => fake.close())

  it("reads upward by the server's own prev link, and a made-up min_id is refused (the runner then starts from the newest page)", async () => {
    const bob = fake.actor(fake.createUser('bob'))
    bob.mention(me, 'one')
    const first = await adapter.readInboxNewer(session, undefined, 2)
    expect(first.cursor).toMatch(/^.*page=/)
    for (const n of [2, 3, 4]) bob.mention(me, `n${n}`)
    const a = await adapter.readInboxNewer(session, first.cursor, 2)
    const b = await adapter.readInboxNewer(session, a.cursor, 2)
    expect([...a.items, ...b.items].map((e) => e.text).sort()).toEqual([
      '@me n2',
      '@me n3',
      '@me n4',
    ])
    expect(cursorAfter(b.cursor, '99999999999999999999')).toBe(b.cursor)
    const refused = await adapter.readInboxNewer(session, 'min_id=1', 2).catch((error) => error)
    expect(refused).toBeInstanceOf(NetworkError)
    expect(refused.failure.kind).toBe('rejected')
  })
})
