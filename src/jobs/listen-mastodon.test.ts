import { and, eq } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import type { FakeActor } from '../../test/peers/mastodon-fake/index.ts'
import { mastodonListenSourceName } from '../core/listen/source-names.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import {
  inboxItems,
  listenLeases,
  listenVolume,
  savedSearches,
  workspaces,
} from '../store/schema/index.ts'
import { type Listener, startListener } from './run-listener.ts'

// Listening to an instance's local timeline and hashtag streams on the Mastodon CONTRACT FAKE,
// read with the token of an account connected by OAuth. Jetstream is unreachable here.
let app: DeliveringApp
let ann: FakeActor
let base: string
let source: string
const listeners: Listener[] = []

beforeAll(async () => {
  app = await startDeliveringApp(['acme'], { worker: false })
  ann = app.fake.actor(app.fake.createUser('ann'))
  base = `/api/v1/workspaces/${app.owner.workspace.id}`
  source = mastodonListenSourceName(app.fake.url)
})
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()))
})
afterAll(async () => {
  await app?.close()
})

const listen = () => {
  const listener = startListener({
    database: app.t.database,
    config: { jetstreamUrl: 'ws://127.0.0.1:9/unreachable', publicUrl: 'http://sous.test' },
    logger: pino({ level: 'silent' }),
    mastodon: {
      adapter: createNetworkRegistry(app.t.config).mastodon,
      secret: TEST_SECRET,
      tuning: { retry: { baseDelayMs: 50, maxDelayMs: 200 }, pageSize: 5 },
    },
    tickMs: 100,
    leaseTtlMs: 1_000,
    flushMs: 30,
  })
  listeners.push(listener)
  return listener
}

const save = async (name: string, query: string) => {
  const response = await app.t.request('POST', `${base}/searches`, {
    cookie: app.owner.cookie,
    body: { name, query },
  })
  expect(response.status).toBe(201)
  return response.json.search as { id: string }
}

const matchesOf = async (id: string) =>
  (await app.t.request('GET', `${base}/searches/${id}/matches`, { cookie: app.owner.cookie })).json
    .items as Array<{ uri: string; url: string; text: string; did: string }>

const counted = async (searchId: string) =>
  (
    await app.t.database.db
      .select({ count: listenVolume.count })
      .from(listenVolume)
      .where(eq(listenVolume.searchId, searchId))
  ).reduce((sum, row) => sum + row.count, 0)

const lease = async () =>
  (await app.t.database.db.select().from(listenLeases).where(eq(listenLeases.source, source)))[0]

const until = <T>(read: () => Promise<T>, done: (value: T) => boolean) =>
  vi.waitFor(
    async () => {
      const value = await read()
      if (!done(value)) throw new Error(`still ${JSON.stringify(value)}`)
      return value
    },
    { timeout: 15_000, interval: 50 },
  )

describe('listening to a Mastodon instance', () => {
  let bread: { id: string }
  let elsewhere: string

  it('streams the local timeline and the searches’ hashtags, for the workspaces with an account there', async () => {
    bread = await save('Bread', '#bread OR sourdough')
    const [other] = await app.t.database.db
      .insert(workspaces)
      .values({ name: 'No Mastodon here' })
      .returning()
    const [otherSearch] = await app.t.database.db
      .insert(savedSearches)
      .values({ workspaceId: other?.id ?? '', name: 'Also bread', query: 'sourdough' })
      .returning()
    elsewhere = otherSearch?.id ?? ''
    listen()
    await until(lease, (row) => row?.state === 'connected')

    const tagged = ann.post('Fresh #bread today')
    ann.post('The sourdough is rising')
    ann.post('Only rye here')
    const matched = await until(
      () => matchesOf(bread.id),
      (items) => items.length >= 2,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    const after = await matchesOf(bread.id)
    // A tagged local post comes on both streams: it is stored once.
    expect(after).toHaveLength(2)
    expect(matched.map((m) => m.text).sort()).toEqual([
      'Fresh #bread today',
      'The sourdough is rising',
    ])
    const statusUrl = `${app.fake.url}/@ann/${tagged.id}`
    expect(after.find((m) => m.text.startsWith('Fresh'))).toMatchObject({
      url: statusUrl,
      uri: statusUrl,
      did: `${app.fake.url}/@ann`,
    })
    const otherRows = await app.t.database.db
      .select()
      .from(listenVolume)
      .where(eq(listenVolume.searchId, elsewhere))
    expect(otherRows).toEqual([])
    const [item] = await app.t.database.db
      .select()
      .from(inboxItems)
      .where(and(eq(inboxItems.workspaceId, app.owner.workspace.id), eq(inboxItems.url, statusUrl)))
    expect(item).toMatchObject({ source: 'listening', network: 'mastodon', accountId: null })
  }, 60_000)

  it('catches up over REST after a reconnect and after a restart, storing and counting each post once', async () => {
    const before = (await matchesOf(bread.id)).length
    listen()
    await until(lease, (row) => row?.state === 'connected')
    const accepted = app.fake.streaming.accepted
    // Cut the stream and keep the server refusing while posts arrive: streams have no replay.
    app.fake.streaming.drop()
    app.fake.streaming.refuse(true)
    for (let n = 0; n < 6; n++) ann.post(`Batch ${n} of #bread`)
    for (let n = 0; n < 6; n++) ann.post(`Sourdough loaf ${n}`)
    await until(lease, (row) => row?.state === 'backing_off')
    app.fake.streaming.refuse(false)
    await until(
      () => matchesOf(bread.id),
      (items) => items.length >= before + 12,
    )
    expect(app.fake.streaming.accepted).toBeGreaterThan(accepted)
    // Live again: a post after the reconnect comes by the stream.
    ann.post('Sourdough after the reconnect')
    await until(
      () => matchesOf(bread.id),
      (items) => items.length >= before + 13,
    )

    // Posts while no worker listens are read from the stored cursor.
    await Promise.all(listeners.splice(0).map((l) => l.stop()))
    for (let n = 0; n < 3; n++) ann.post(`While away: #bread ${n}`)
    listen()
    await until(
      () => matchesOf(bread.id),
      (items) => items.length >= before + 16,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    const all = await matchesOf(bread.id)
    expect(all).toHaveLength(before + 16)
    expect(new Set(all.map((m) => m.uri)).size).toBe(all.length)
    expect(await counted(bread.id)).toBe(all.length)
    expect((await lease())?.cursor).toBeGreaterThan(0)
  }, 60_000)
})
