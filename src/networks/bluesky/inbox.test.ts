import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { atprotoNetwork } from '../../../test/peers/atproto-network.ts'
import {
  blueskyActor,
  connectThroughProxy,
  indexedPost,
  type SavedSession,
} from '../../../test/peers/bluesky-harness.ts'
import { type FaultProxy, startFaultProxy } from '../../../test/peers/fault-proxy.ts'
import type { InboxEvent } from '../types.ts'
import { createBlueskyAdapter } from './index.ts'

// Another account acts with the peer's own client; the adapter reads what arrived.
let proxy: FaultProxy
let session: SavedSession
const adapter = createBlueskyAdapter()
const settle = { timeout: 15_000, interval: 50 }

beforeAll(async () => {
  proxy = await startFaultProxy((await atprotoNetwork()).pds)
  session = await connectThroughProxy(proxy, 'inbox')
})
afterAll(async () => {
  await proxy?.close()
})

async function inbox(limit?: number): Promise<InboxEvent[]> {
  const events: InboxEvent[] = []
  let cursor: string | undefined
  do {
    const page = await adapter.readInbox(session, cursor, limit)
    events.push(...page.items)
    cursor = page.cursor
  } while (cursor)
  return events
}

describe('the Bluesky inbox', () => {
  it('normalises each kind with its text, subject, author and address', async () => {
    const post = await adapter.publish(session, {
      idempotencyKey: randomUUID(),
      text: 'hello inbox',
    })
    await indexedPost(post.uri)
    const actor = await blueskyActor(session.account)
    await actor.account.agent.upsertProfile(() => ({
      displayName: 'The Actor',
      description: 'I act',
    }))
    const mention = await actor.mention('are you there?')
    const reply = await actor.reply(post.uri, 'a plain reply')
    const quote = await actor.quote(post.uri, 'quoting you')
    await actor.follow()
    await actor.like(post.uri)
    await actor.repost(post.uri)
    const events = await vi.waitFor(async () => {
      const found = await inbox()
      expect(found).toHaveLength(6)
      return found
    }, settle)
    const byKind = Object.fromEntries(events.map((event) => [event.kind, event]))
    expect(byKind.mention).toMatchObject({
      id: mention,
      uri: mention,
      text: `@${session.account.handle} are you there?`,
    })
    expect(byKind.mention?.subjectUri).toBeUndefined()
    expect(byKind.reply).toMatchObject({ id: reply, text: 'a plain reply', subjectUri: post.uri })
    expect(byKind.quote).toMatchObject({ id: quote, text: 'quoting you', subjectUri: post.uri })
    expect(byKind.like).toMatchObject({ subjectUri: post.uri })
    expect(byKind.repost).toMatchObject({ subjectUri: post.uri })
    expect(byKind.follow?.url).toBe(`https://bsky.app/profile/${actor.account.handle}`)
    expect(byKind.reply?.url).toBe(
      `https://bsky.app/profile/${actor.id}/post/${reply.split('/').pop()}`,
    )
    for (const event of events) {
      expect(event.author).toMatchObject({
        id: actor.id,
        handle: actor.account.handle,
        displayName: 'The Actor',
      })
      expect(Date.parse(event.createdAt)).not.toBeNaN()
    }
  })

  it('keeps every event exactly once when new ones arrive between pages', async () => {
    const actor = await blueskyActor(session.account)
    const first = await vi.waitFor(async () => {
      const found = await inbox()
      expect(found.length).toBeGreaterThanOrEqual(6)
      return found
    }, settle)
    const page = await adapter.readInbox(session, undefined, 2)
    const fresh = [await actor.mention('new 1'), await actor.mention('new 2')]
    await vi.waitFor(async () => {
      const now = await inbox()
      expect(now.map((e) => e.id)).toEqual(expect.arrayContaining(fresh))
    }, settle)
    const rest: InboxEvent[] = [...page.items]
    let cursor = page.cursor
    while (cursor) {
      const next = await adapter.readInbox(session, cursor, 2)
      rest.push(...next.items)
      cursor = next.cursor
    }
    const ids = rest.map((event) => event.id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(first.map((event) => event.id))
  })
})
