import http from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  type FaultProxy,
  serverError,
  startFaultProxy,
  unavailable,
} from '../../../test/peers/fault-proxy.ts'
import { type MastodonFake, startMastodonFake } from '../../../test/peers/mastodon-fake/index.ts'
import {
  connectByOAuth,
  type SavedSession,
  savedSession,
  testAdapter,
} from '../../../test/peers/mastodon-harness.ts'
import { failureOf, TINY_PNG } from '../contract-suite.ts'
import { MASTODON_DEFAULT_LIMITS } from './capabilities.ts'
import { refusalText, retryAfterMsFrom } from './errors.ts'

describe('Mastodon failures, each as one kind of the closed set', () => {
  let fake: MastodonFake
  let proxy: FaultProxy
  let session: SavedSession
  // Generous: two cores shared by several test runs.
  const adapter = testAdapter({ timeoutMs: 1500 })
  const statuses = (request: { method: string; path: string }) =>
    request.method === 'POST' && request.path === '/api/v1/statuses'
  beforeAll(async () => {
    fake = await startMastodonFake({ mediaProcessingPolls: 0 })
    proxy = await startFaultProxy(fake.url)
    session = await connectByOAuth(adapter, fake, fake.createUser('failing'), proxy.url)
  })
  afterAll(async () => {
    await proxy.close()
    await fake.close()
  })
  beforeEach(() => proxy.reset())
  const posts = () => fake.state.counts(session.credentials.accountId).statuses

  it('a revoked token is auth_expired, for reads and writes', async () => {
    const other = await connectByOAuth(adapter, fake, fake.createUser('revoked'))
    fake.revokeToken(other.credentials.accessToken)
    for (const call of [
      adapter.verify(other),
      adapter.readInbox(other),
      adapter.publish(other, { idempotencyKey: 'r', text: 'x' }),
    ]) {
      expect(await failureOf(call)).toEqual({
        kind: 'auth_expired',
        message: 'the instance refused the access token: The access token is invalid',
      })
    }
  })

  it("429 is rate_limited until the instance's X-RateLimit-Reset", async () => {
    const limited = await startMastodonFake({ rateLimit: { limit: 2, periodMs: 120_000 } })
    try {
      const user = limited.createUser('busy')
      const busy = savedSession({
        instance: limited.url,
        accessToken: user.token,
        accountId: user.id,
        handle: `busy@${new URL(limited.url).host}`,
        limits: MASTODON_DEFAULT_LIMITS,
      })
      await adapter.readInbox(busy)
      await adapter.readInbox(busy)
      const failure = await failureOf(adapter.readInbox(busy))
      expect(failure.kind).toBe('rate_limited')
      if (failure.kind === 'rate_limited') {
        expect(failure.retryAfterMs).toBeGreaterThan(60_000)
        expect(failure.retryAfterMs).toBeLessThanOrEqual(120_000)
      }
    } finally {
      await limited.close()
    }
  })

  it('reads the later of Retry-After and X-RateLimit-Reset', () => {
    const now = Date.parse('2026-01-01T00:00:00Z')
    const headers = new Headers({
      'retry-after': 'Thu, 01 Jan 2026 00:00:30 GMT',
      'x-ratelimit-reset': '2026-01-01T00:00:10.000Z',
    })
    expect(retryAfterMsFrom(headers, now)).toBe(30_000)
    expect(retryAfterMsFrom(new Headers({ 'retry-after': '5' }), now)).toBe(5_000)
    expect(retryAfterMsFrom(new Headers(), now)).toBe(60_000)
  })

  it("reads what a refusal says, in Mastodon's words or a validator's", () => {
    const said = (body: unknown) => refusalText(JSON.stringify(body))
    expect(said({ error: 'invalid_grant', error_description: 'The code is spent' })).toBe(
      'invalid_grant: The code is spent',
    )
    expect(
      said({ message: 'Invalid body', errors: [{ field: 'language', message: 'is not ISO 639' }] }),
    ).toBe('Invalid body: language is not ISO 639')
    expect(said({ errors: ['status is blank', 'visibility is wrong'] })).toBe('status is blank')
    expect(said({ errors: { status: ["can't be blank"] } })).toBe("status can't be blank")
    // RFC 9457: the detail says more than the title.
    expect(said({ title: 'Bad Request', detail: 'media_ids must be strings' })).toBe(
      'media_ids must be strings',
    )
    expect(said({ nothing: 'useful' })).toBeUndefined()
    expect(refusalText('<html>')).toBeUndefined()
  })

  it('5xx is transient for reads and writes', async () => {
    proxy.script({ fault: serverError })
    expect(await failureOf(adapter.readInbox(session))).toMatchObject({ kind: 'transient' })
    expect(await failureOf(adapter.follow(session, '1'))).toMatchObject({ kind: 'transient' })
  })

  it('a 503 with Retry-After is transient and carries the wait the server asked for', async () => {
    proxy.script({
      fault: unavailable(90),
    })
    const failure = await failureOf(adapter.readInbox(session))
    expect(failure).toMatchObject({ kind: 'transient' })
    expect(failure.kind === 'transient' && failure.retryAfterMs).toBeGreaterThan(88_000)
  })

  it('a refused connection is transient, even for a write: nothing was sent', async () => {
    const closed = http.createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const { port } = closed.address() as AddressInfo
    await new Promise<void>((resolve) => closed.close(() => resolve()))
    const nowhere = {
      ...session,
      credentials: { ...session.credentials, instance: `http://127.0.0.1:${port}` },
    }
    expect(
      await failureOf(adapter.publish(nowhere, { idempotencyKey: 'nowhere', text: 'x' })),
    ).toMatchObject({ kind: 'transient' })
  })

  it('a write that times out after it was sent is unknown_outcome; a read is transient', async () => {
    const before = posts()
    proxy.script({ match: statuses, fault: { kind: 'hang' }, times: 1 })
    const failure = await failureOf(adapter.publish(session, { idempotencyKey: 'hang', text: 'x' }))
    expect(failure).toMatchObject({ kind: 'unknown_outcome' })
    expect(posts()).toBe(before + 1)
    expect(await adapter.findPublished(session, 'hang')).not.toBeNull()
    proxy.script({ match: '/api/v1/notifications', fault: { kind: 'hang' }, times: 1 })
    expect(await failureOf(adapter.readInbox(session))).toMatchObject({ kind: 'transient' })
  })

  it('a lost answer to a follow is unknown_outcome; to an upload transient, and nothing is posted', async () => {
    proxy.script({ match: '/follow', fault: { kind: 'drop-response' }, times: 1 })
    const target = fake.createUser('followed')
    expect(await failureOf(adapter.follow(session, target.id))).toMatchObject({
      kind: 'unknown_outcome',
    })
    const before = posts()
    proxy.script({ match: '/api/v2/media', fault: { kind: 'drop-response' }, times: 1 })
    const upload = adapter.publish(session, {
      idempotencyKey: 'upload',
      text: 'x',
      images: [{ bytes: TINY_PNG, mimeType: 'image/png', altText: 'px' }],
    })
    expect(await failureOf(upload)).toMatchObject({ kind: 'transient' })
    expect(posts()).toBe(before)
    expect(proxy.requests.some(statuses)).toBe(false)
  })

  it('a reset connection on a read is transient', async () => {
    proxy.script({ match: '/api/v1/accounts/', fault: { kind: 'reset' }, times: 1 })
    expect(await failureOf(adapter.listFollowers(session))).toMatchObject({ kind: 'transient' })
  })

  it("other refusals are rejected with the instance's words", async () => {
    expect(await failureOf(adapter.follow(session, session.credentials.accountId))).toEqual({
      kind: 'rejected',
      reason: 'The Mastodon instance refused it: This action is not allowed',
    })
    expect(await failureOf(adapter.follow(session, '999'))).toEqual({
      kind: 'rejected',
      reason: 'The Mastodon instance refused it: Record not found',
    })
  })
})
