import { eq } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { firehoseSourceName } from '../core/listen/source-names.ts'
import { createLogger } from '../logger.ts'
import { listenLeases } from '../store/schema/index.ts'
import { type Listener, startListener } from './run-listener.ts'

// The local AT Protocol network is real Bluesky: its PDS serves the signed firehose.
let t: TestApp
let owner: TestOwner
let base: string
let pds: string
let plc: string
let author: TestAccount
const listeners: Listener[] = []
const word = `crumpet${Math.random().toString(36).slice(2, 8)}`

beforeAll(async () => {
  ;({ pds, plc } = await atprotoNetwork())
  ;({ t, owner } = await startTestAppWithOwner({ env: { SOUS_BLUESKY_FIREHOSE_URL: pds } }))
  base = `/api/v1/workspaces/${owner.workspace.id}`
  author = await createTestAccount('firehose')
}, 120_000)
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()))
})
afterAll(async () => {
  await t?.close()
})

const listen = (url = pds) => {
  const listener = startListener({
    database: t.database,
    config: {
      // Never read: the firehose replaces Jetstream when it is set.
      jetstreamUrl: 'ws://127.0.0.1:9/unused',
      blueskyFirehoseUrl: url,
      blueskyPlcUrl: plc,
      publicUrl: 'http://sous.test',
    },
    logger: createLogger(t.config),
    tickMs: 100,
    leaseTtlMs: 1_000,
    flushMs: 30,
  })
  listeners.push(listener)
  return listener
}

const post = async (text: string) =>
  (await author.agent.post({ text, createdAt: new Date().toISOString() })).uri

const matchesOf = async (id: string) =>
  (await t.request('GET', `${base}/searches/${id}/matches`, { cookie: owner.cookie })).json
    .items as Array<{ text: string; uri: string; url: string }>

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 20_000) {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > ms) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 100))
  }
}

describe('listening to the verified firehose (local AT Protocol network)', () => {
  it('matches posts made on the PDS and resumes from its cursor after a restart, losing nothing', async () => {
    const created = await t.request('POST', `${base}/searches`, {
      cookie: owner.cookie,
      body: { name: 'Crumpets', query: `${word} -burnt`, inbox: false },
    })
    expect(created.status).toBe(201)
    const id = created.json.search.id as string
    listen()

    // The first start reads from live: post until the consumer is surely connected.
    const warm = await until(
      async () => {
        await post(`warming up ${word}`)
        return matchesOf(id)
      },
      (items) => items.length > 0,
    )
    const before = warm.length
    const fresh = await post(`Fresh ${word} with butter`)
    await post(`burnt ${word} again`)
    await post('nothing to see here')
    const matches = await until(
      () => matchesOf(id),
      (items) => items.some((m) => m.uri === fresh),
    )
    expect(matches.filter((m) => m.text.includes('burnt'))).toEqual([])
    expect(matches.find((m) => m.uri === fresh)?.url).toBe(
      `https://bsky.app/profile/${author.did}/post/${fresh.split('/').pop()}`,
    )

    const source = firehoseSourceName(pds)
    const status = (await t.request('GET', `${base}/searches`, { cookie: owner.cookie })).json
    expect(status.listening).toMatchObject({ source, consumed: true })
    expect(status.listening.lagSeconds).toBeLessThan(30)

    // Stopped: posts made meanwhile are read from the stored cursor when listening starts again.
    await Promise.all(listeners.splice(0).map((l) => l.stop()))
    const [lease] = await t.database.db
      .select()
      .from(listenLeases)
      .where(eq(listenLeases.source, source))
    expect(lease?.cursor).toBeGreaterThan(0)
    const whileAway = [await post(`${word} while away one`), await post(`${word} while away two`)]
    listen()
    const after = await until(
      () => matchesOf(id),
      (items) => whileAway.every((uri) => items.some((m) => m.uri === uri)),
    )
    // Each post once, whatever was read twice around the restart.
    expect(new Set(after.map((m) => m.uri)).size).toBe(after.length)
    expect(after.length).toBeGreaterThanOrEqual(before + 1 + whileAway.length)
    const jetstream = status.sources.find((s: { source: string }) => s.source === 'jetstream')
    expect(jetstream).toBeUndefined()
  }, 90_000)

  it('backs off while the firehose is unreachable, shows it, and stops cleanly', async () => {
    await t.request('POST', `${base}/searches`, {
      cookie: owner.cookie,
      body: { name: 'Nowhere', query: 'nowhere', inbox: false },
    })
    const closed = 'http://127.0.0.1:9'
    const listener = listen(closed)
    const state = await until(
      async () =>
        (
          await t.database.db
            .select()
            .from(listenLeases)
            .where(eq(listenLeases.source, firehoseSourceName(closed)))
        )[0]?.state,
      (s) => s === 'backing_off',
    )
    expect(state).toBe('backing_off')
    const started = Date.now()
    await listener.stop()
    listeners.splice(listeners.indexOf(listener), 1)
    expect(Date.now() - started).toBeLessThan(5_000)
  }, 30_000)
})
