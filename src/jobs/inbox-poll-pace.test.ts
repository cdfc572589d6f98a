import { eq } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { pollAccountInbox } from '../commands/poll-account-inbox.ts'
import { DEFAULT_POLL } from '../core/inbox/poll-interval.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { inboxStreamSource } from '../store/queries/inbox-pace-facts.ts'
import { deliveries, listenLeases } from '../store/schema/index.ts'
import { type MastodonStreams, startMastodonStreams } from './run-mastodon-streams.ts'

// The pace polling keeps on the CONTRACT FAKE (Mastodon: 300 requests per 5 min per account,
// a fifth of it for the inbox, so never more than one page per 5 s): the defaults of
// core/inbox/poll-interval.ts, with a real delivery and a real stream setting the pace.
let app: DeliveringApp
let streams: MastodonStreams | undefined
let accountId: string
const source = () => inboxStreamSource({ id: accountId, network: 'mastodon' })
const ws = () => `/api/v1/workspaces/${app.owner.workspace.id}`

beforeAll(async () => {
  app = await startDeliveringApp(['acme'])
  accountId = app.accounts.acme?.accountId ?? ''
})
afterAll(async () => {
  await streams?.stop()
  await app?.close()
})

async function poll() {
  const now = new Date()
  const outcome = await pollAccountInbox(
    app.t.database,
    { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET },
    accountId,
    { now },
  )
  return { pace: outcome.pace, delayMs: (outcome.nextPollAt?.getTime() ?? 0) - now.getTime() }
}

const streamState = async () =>
  (await app.t.database.db.select().from(listenLeases).where(eq(listenLeases.source, source())))[0]
    ?.state

describe('the inbox polling pace', () => {
  it('backs off while quiet, and is quick again once we publish (answers come soon after)', async () => {
    const first = await poll()
    expect(first).toEqual({ pace: 'quiet', delayMs: 2 * DEFAULT_POLL.activeMs })
    expect((await poll()).delayMs).toBe(4 * DEFAULT_POLL.activeMs)

    const post = await app.t.request('POST', `${ws()}/posts`, {
      cookie: app.owner.cookie,
      body: { variants: [{ accountId, text: 'Our spring range is out' }], schedule: { now: true } },
    })
    expect(post.status, post.text).toBe(201)
    await vi.waitFor(
      async () => {
        const [row] = await app.t.database.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.postId, post.json.id))
        expect(row?.state).toBe('published')
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(await poll()).toEqual({ pace: 'active', delayMs: DEFAULT_POLL.activeMs })
  })

  it('is only a catch-up while the stream is connected, and takes its own pace back when it drops', async () => {
    streams = startMastodonStreams({
      database: app.t.database,
      secret: TEST_SECRET,
      networks: createNetworkRegistry(app.t.config),
      logger: pino({ level: 'silent' }),
      tickMs: 200,
      retry: { baseDelayMs: 50, maxDelayMs: 200 },
    })
    await vi.waitFor(async () => expect(await streamState()).toBe('connected'), {
      timeout: 10_000,
      interval: 25,
    })
    expect(await poll()).toEqual({ pace: 'streaming', delayMs: DEFAULT_POLL.streamingMs })

    app.fake.streaming.refuse(true)
    app.fake.streaming.drop()
    await vi.waitFor(async () => expect(await streamState()).toBe('reconnecting'), {
      timeout: 5_000,
      interval: 25,
    })
    expect(await poll()).toEqual({ pace: 'active', delayMs: DEFAULT_POLL.activeMs })

    app.fake.streaming.refuse(false)
    await vi.waitFor(async () => expect(await streamState()).toBe('connected'), {
      timeout: 10_000,
      interval: 25,
    })
    // A stopped streamer releases its lease (a crashed one's lapses within its TTL).
    await streams.stop()
    streams = undefined
    expect(await streamState()).toBe('stopped')
    expect((await poll()).pace).toBe('active')
  })
})
