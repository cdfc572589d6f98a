import { afterAll, beforeAll, describe, expect, it } from 'vitest'
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
import type { InboxEvent } from '../types.ts'

describe('Mastodon inbox, people and engagement against the contract fake', () => {
  let fake: MastodonFake
  let me: FakeUser
  let session: SavedSession
  let bob: FakeActor
  let host: string
  const adapter = testAdapter()
  beforeAll(async () => {
    fake = await startMastodonFake()
    host = new URL(fake.url).host
    me = fake.createUser('me')
    session = await connectByOAuth(adapter, fake, me)
    bob = fake.actor(fake.createUser('bob', { displayName: 'Bob', note: 'I like <cats> & dogs' }))
  })
  afterAll(() => fake.close())

  const readAll = async (limit?: number) => {
    const pages: InboxEvent[][] = []
    let cursor: string | undefined
    do {
      const page = await adapter.readInbox(session, cursor, limit)
      pages.push(page.items)
      cursor = page.cursor
    } while (cursor && pages.length < 50)
    return pages
  }

  it('normalises every kind, newest first, with sanitized text, each exactly once across pages', async () => {
    const post = await adapter.publish(session, { idempotencyKey: 'subject', text: 'talk to me' })
    const mention = bob.mention(me, 'see https://example.com/a/really/long/path/that/is/cut #tag')
    const reply = bob.reply(post.uri, 'a reply')
    const quote = bob.quote(post.uri, 'a quote')
    const dm = fake.state.createStatus(bob.account.id, {
      text: '@me psst',
      visibility: 'direct',
    })
    bob.favourite(post.uri)
    bob.reblog(post.uri)
    bob.follow(me)
    bob.post('not about me')

    const events = (await readAll()).flat()
    expect(events.map((event) => event.kind)).toEqual([
      'follow',
      'repost',
      'like',
      'dm',
      'quote',
      'reply',
      'mention',
    ])
    const byKind = Object.fromEntries(events.map((event) => [event.kind, event]))
    expect(byKind.mention).toMatchObject({
      uri: mention.id,
      url: `${fake.url}/@bob/${mention.id}`,
      text: '@me see https://example.com/a/really/long/path/that/is/cut #tag',
    })
    expect(byKind.reply).toMatchObject({ uri: reply.id, subjectUri: post.uri, text: '@me a reply' })
    expect(byKind.quote).toMatchObject({ uri: quote.id, subjectUri: post.uri, text: 'a quote' })
    expect(byKind.dm).toMatchObject({ uri: dm.id, text: '@me psst' })
    expect(byKind.like).toMatchObject({ subjectUri: post.uri })
    expect(byKind.repost).toMatchObject({ subjectUri: post.uri })
    expect(byKind.follow?.author).toMatchObject({
      id: bob.account.id,
      handle: `bob@${host}`,
      displayName: 'Bob',
      bio: 'I like <cats> & dogs',
    })

    const pages = await readAll(2)
    expect(pages.length).toBeGreaterThanOrEqual(4)
    const ids = pages.flat().map((event) => event.id)
    expect(ids).toEqual(events.map((event) => event.id))
    expect(new Set(ids).size).toBe(ids.length)
  })

  it('lists followers and follows with their profile context, page by page', async () => {
    const fans = ['ann', 'ben', 'cyd'].map((name) =>
      fake.actor(fake.createUser(name, { note: `${name} here` })),
    )
    for (const fan of fans) fan.follow(me)
    fans[0]?.post('my only post')
    const first = await adapter.listFollowers(session, undefined, 2)
    expect(first.items).toHaveLength(2)
    expect(first.cursor).toBeDefined()
    const rest = await adapter.listFollowers(session, first.cursor, 2)
    const everyone = [...first.items, ...rest.items]
    expect(everyone.map((person) => person.handle)).toEqual([
      `cyd@${host}`,
      `ben@${host}`,
      `ann@${host}`,
      `bob@${host}`,
    ])
    const ann = everyone.find((person) => person.handle.startsWith('ann@'))
    expect(ann).toMatchObject({
      bio: 'ann here',
      postsCount: 1,
      followersCount: 0,
      followingCount: 1,
    })
    const annsLast = fake.state.counts(fans[0]?.account.id ?? '').lastStatusAt
    expect(ann?.lastPostAt).toBe(annsLast?.toISOString().slice(0, 10))
    expect(ann?.createdAt).toMatch(/T00:00:00/)
    expect(ann?.avatarUrl).toMatch(/^http/)

    await adapter.follow(session, bob.account.id)
    await adapter.follow(session, bob.account.id)
    expect((await adapter.listFollows(session)).items.map((person) => person.id)).toEqual([
      bob.account.id,
    ])
    await adapter.unfollow(session, bob.account.id)
    expect((await adapter.listFollows(session)).items).toEqual([])
  })

  it('reads engagement counts, leaving out deleted posts', async () => {
    const post = await adapter.publish(session, { idempotencyKey: 'counted', text: 'count me' })
    const gone = await adapter.publish(session, { idempotencyKey: 'gone', text: 'delete me' })
    const carol = fake.actor(fake.createUser('carol'))
    bob.favourite(post.uri)
    carol.favourite(post.uri)
    bob.reblog(post.uri)
    bob.reply(post.uri, 'one')
    carol.reply(post.uri, 'two')
    carol.quote(post.uri, 'three')
    await adapter.deletePost(session, gone.uri)
    expect(await adapter.readEngagement(session, [post.uri, gone.uri])).toEqual([
      { uri: post.uri, replies: 2, reposts: 1, quotes: 1, likes: 2 },
    ])
  })
})
