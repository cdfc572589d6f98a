import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../../test/peers/atproto-network.ts'
import { connectThroughProxy, type SavedSession } from '../../../test/peers/bluesky-harness.ts'
import { type FaultProxy, startFaultProxy } from '../../../test/peers/fault-proxy.ts'
import { failureOf } from '../contract-suite.ts'
import type { Page, ProfileContext, PublishedPost } from '../types.ts'
import { createBlueskyAdapter } from './index.ts'

let proxy: FaultProxy
let session: SavedSession
const adapter = createBlueskyAdapter()
const settle = { timeout: 15_000, interval: 50 }

beforeAll(async () => {
  proxy = await startFaultProxy((await atprotoNetwork()).pds)
  session = await connectThroughProxy(proxy, 'people')
})
afterAll(async () => {
  await proxy?.close()
})

async function everyone(
  read: (cursor?: string) => Promise<Page<ProfileContext>>,
): Promise<ProfileContext[]> {
  const people: ProfileContext[] = []
  let cursor: string | undefined
  do {
    const page = await read(cursor)
    people.push(...page.items)
    cursor = page.cursor
  } while (cursor)
  return people
}

async function withProfile(name: string, bio: string, posts: number): Promise<TestAccount> {
  const account = await createTestAccount(name)
  await account.agent.upsertProfile(() => ({ displayName: `${name} person`, description: bio }))
  for (let i = 0; i < posts; i++) await account.agent.post({ text: `post ${i}` })
  return account
}

describe('people on Bluesky', () => {
  it('lists followers with bio, creation time and counts, page by page without repeats', async () => {
    const fans = await Promise.all([
      withProfile('fana', 'I like pixels', 2),
      withProfile('fanb', 'Ich mag Pixel 🌿', 0),
      withProfile('fanc', '', 1),
    ])
    for (const fan of fans) await fan.agent.follow(session.credentials.did)
    const followers = await vi.waitFor(async () => {
      const found = await everyone((cursor) => adapter.listFollowers(session, cursor, 1))
      expect(found).toHaveLength(3)
      return found
    }, settle)
    expect(new Set(followers.map((person) => person.id))).toEqual(
      new Set(fans.map((fan) => fan.did)),
    )
    const first = followers.find((person) => person.id === fans[0]?.did)
    expect(first).toMatchObject({
      handle: fans[0]?.handle,
      displayName: 'fana person',
      bio: 'I like pixels',
      postsCount: 2,
      followersCount: 0,
      followingCount: 1,
    })
    expect(Date.parse(first?.createdAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000)
    // Last activity: the newest post's time, and nothing for someone who never posted.
    expect(Date.parse(first?.lastPostAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000)
    expect(followers.find((person) => person.id === fans[1]?.did)?.lastPostAt).toBeUndefined()
  })

  it('follows by handle once, and unfollows a follow made elsewhere', async () => {
    const person = await createTestAccount('idol')
    await adapter.follow(session, person.handle)
    await adapter.follow(session, person.did)
    const follows = await vi.waitFor(async () => {
      const found = (await everyone((cursor) => adapter.listFollows(session, cursor))).filter(
        (p) => p.id === person.did,
      )
      expect(found).toHaveLength(1)
      return found
    }, settle)
    expect(follows[0]?.handle).toBe(person.handle)
    await adapter.unfollow(session, person.did)
    const elsewhere = await createTestAccount('elsewhere')
    await session.account.agent.follow(elsewhere.did)
    await vi.waitFor(async () => {
      const ids = (await everyone((cursor) => adapter.listFollows(session, cursor))).map(
        (p) => p.id,
      )
      expect(ids).toContain(elsewhere.did)
      expect(ids).not.toContain(person.did)
    }, settle)
    await adapter.unfollow(session, elsewhere.did)
    await vi.waitFor(async () => {
      const ids = (await everyone((cursor) => adapter.listFollows(session, cursor))).map(
        (p) => p.id,
      )
      expect(ids).not.toContain(elsewhere.did)
    }, settle)
  })

  it('refuses to follow someone who does not exist', async () => {
    expect(
      await failureOf(adapter.follow(session, `nobody-${randomUUID().slice(0, 6)}.test`)),
    ).toMatchObject({
      kind: 'rejected',
    })
  })

  it('reads engagement counts for more posts than one request takes', async () => {
    const fan = await createTestAccount('liker')
    const posts: PublishedPost[] = []
    for (let i = 0; i < 27; i++) {
      posts.push(
        await adapter.publish(session, { idempotencyKey: randomUUID(), text: `count ${i}` }),
      )
    }
    const last = posts.at(-1)
    if (!last?.cid) throw new Error('no cid')
    await fan.agent.like(last.uri, last.cid)
    await fan.agent.repost(last.uri, last.cid)
    await vi.waitFor(async () => {
      const counts = await adapter.readEngagement(
        session,
        posts.map((post) => post.uri),
      )
      expect(counts).toHaveLength(27)
      expect(counts.find((c) => c.uri === last.uri)).toEqual({
        uri: last.uri,
        likes: 1,
        reposts: 1,
        replies: 0,
        quotes: 0,
      })
    }, settle)
  })
})
