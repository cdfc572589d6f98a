import { randomUUID } from 'node:crypto'
import { ids } from '@atproto/api'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { atprotoNetwork } from '../../../test/peers/atproto-network.ts'
import {
  connectThroughProxy,
  countPostRecords,
  type SavedSession,
} from '../../../test/peers/bluesky-harness.ts'
import {
  type FaultProxy,
  rateLimited,
  startFaultProxy,
  unavailable,
} from '../../../test/peers/fault-proxy.ts'
import { failureOf } from '../contract-suite.ts'
import { createBlueskyAdapter } from './index.ts'

// What each broken answer becomes, through the fault proxy in front of the local PDS.
let proxy: FaultProxy
let session: SavedSession
const createRecord = `/xrpc/${ids.ComAtprotoRepoCreateRecord}`
const listNotifications = `/xrpc/${ids.AppBskyNotificationListNotifications}`
const key = () => `faults-${randomUUID()}`

beforeAll(async () => {
  proxy = await startFaultProxy((await atprotoNetwork()).pds)
  session = await connectThroughProxy(proxy, 'faults')
})
beforeEach(() => proxy.reset())
afterAll(async () => {
  await proxy?.close()
})

describe('Bluesky failures', () => {
  it('a write that times out after it was sent is unknown_outcome, and it was applied', async () => {
    const adapter = createBlueskyAdapter({ timeoutMs: 1000 })
    const before = await countPostRecords(session.credentials.did)
    const request = { idempotencyKey: key(), text: 'slow answer' }
    proxy.script({ match: createRecord, fault: { kind: 'hang' }, times: 1 })
    expect(await failureOf(adapter.publish(session, request))).toMatchObject({
      kind: 'unknown_outcome',
    })
    expect(await adapter.findPublished(session, request.idempotencyKey)).not.toBeNull()
    await adapter.publish(session, request)
    expect(await countPostRecords(session.credentials.did)).toBe(before + 1)
  })

  it('a read whose connection is reset is transient', async () => {
    const adapter = createBlueskyAdapter()
    proxy.script({ match: listNotifications, fault: { kind: 'reset' } })
    expect(await failureOf(adapter.readInbox(session))).toMatchObject({ kind: 'transient' })
  })

  it('a 503 with Retry-After is transient and carries the wait the server asked for', async () => {
    const adapter = createBlueskyAdapter()
    proxy.script({
      match: listNotifications,
      fault: unavailable(90),
    })
    const failure = await failureOf(adapter.readInbox(session))
    expect(failure).toMatchObject({ kind: 'transient' })
    expect(failure.kind === 'transient' && failure.retryAfterMs).toBeGreaterThan(88_000)
  })

  it('a write to a PDS that refuses the connection is transient: it was never sent', async () => {
    const adapter = createBlueskyAdapter()
    const closed = await startFaultProxy(proxy.url)
    await closed.close()
    const elsewhere = { ...session, credentials: { ...session.credentials, service: closed.url } }
    const failure = await failureOf(
      adapter.publish(elsewhere, { idempotencyKey: key(), text: 'x' }),
    )
    expect(failure.kind).toBe('transient')
    expect(failure.kind === 'transient' && failure.message).toMatch(/ECONNREFUSED/)
  })

  it("is rejected with the server's message for a 400", async () => {
    const adapter = createBlueskyAdapter()
    proxy.script({
      match: createRecord,
      fault: {
        kind: 'status',
        status: 400,
        body: { error: 'InvalidRequest', message: 'Invalid app.bsky.feed.post record' },
      },
    })
    expect(await failureOf(adapter.publish(session, { idempotencyKey: key(), text: 'x' }))).toEqual(
      {
        kind: 'rejected',
        reason: 'Bluesky refused it: InvalidRequest: Invalid app.bsky.feed.post record',
      },
    )
  })

  it('after a 429 sends no more writes until the reset, and reads go on', async () => {
    let now = Date.now()
    const adapter = createBlueskyAdapter({ now: () => now })
    proxy.script({ match: createRecord, fault: rateLimited(30, now), times: 1 })
    expect(
      await failureOf(adapter.publish(session, { idempotencyKey: key(), text: 'a' })),
    ).toMatchObject({
      kind: 'rate_limited',
    })
    proxy.reset()
    const blocked = await failureOf(adapter.publish(session, { idempotencyKey: key(), text: 'b' }))
    expect(blocked.kind).toBe('rate_limited')
    expect(blocked.kind === 'rate_limited' && blocked.retryAfterMs).toBeGreaterThan(25_000)
    expect(proxy.requests.filter((request) => request.path.startsWith(createRecord))).toEqual([])
    await adapter.readInbox(session)
    now += 31_000
    await adapter.publish(session, { idempotencyKey: key(), text: 'c' })
  })

  it('stops reading when an answer says the quota is used up', async () => {
    const now = Date.now()
    const adapter = createBlueskyAdapter({ now: () => now })
    proxy.script({
      match: listNotifications,
      times: 1,
      fault: {
        kind: 'status',
        status: 200,
        headers: {
          'ratelimit-limit': '3000',
          'ratelimit-remaining': '0',
          'ratelimit-reset': String(Math.ceil(now / 1000) + 60),
        },
        body: { notifications: [] },
      },
    })
    expect(await adapter.readInbox(session)).toEqual({ items: [] })
    const failure = await failureOf(adapter.readInbox(session))
    expect(failure.kind === 'rate_limited' && failure.retryAfterMs).toBeGreaterThan(55_000)
    expect(proxy.requests).toHaveLength(1)
  })
})
