import { eq, sql } from 'drizzle-orm'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import {
  type JetstreamFake,
  otherEvents,
  postEvent,
  startJetstreamFake,
} from '../../test/peers/jetstream-fake/index.ts'
import { createLogger } from '../logger.ts'
import { listenLeases, listenMatches } from '../store/schema/index.ts'
import { type Listener, startListener } from './run-listener.ts'

let t: TestApp
let owner: TestOwner
let fake: JetstreamFake
let base: string
const listeners: Listener[] = []

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
})
afterEach(async () => {
  await Promise.all(listeners.splice(0).map((l) => l.stop()))
  await fake?.close()
  await t.database.db.delete(listenLeases)
  for (const search of (await t.request('GET', `${base}/searches`, { cookie: owner.cookie })).json
    .items) {
    await t.request('DELETE', `${base}/searches/${search.id}`, { cookie: owner.cookie })
  }
})
afterAll(async () => {
  await t?.close()
})

const listen = () => {
  const listener = startListener({
    database: t.database,
    config: { jetstreamUrl: fake.url, publicUrl: 'http://sous.test' },
    logger: createLogger(t.config),
    tickMs: 100,
    leaseTtlMs: 600,
    flushMs: 30,
  })
  listeners.push(listener)
  return listener
}

const save = async (name: string, query: string) =>
  (
    await t.request('POST', `${base}/searches`, {
      cookie: owner.cookie,
      body: { name, query, inbox: false },
    })
  ).json.search.id as string

const matchesOf = async (id: string) =>
  (await t.request('GET', `${base}/searches/${id}/matches`, { cookie: owner.cookie })).json
    .items as Array<{ text: string; uri: string }>

const listening = async () =>
  (await t.request('GET', `${base}/searches`, { cookie: owner.cookie })).json.listening

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000) {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > ms) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('listening to Jetstream (contract fake)', () => {
  it('stores the posts a saved search matches, once each, and counts them per minute', async () => {
    fake = await startJetstreamFake()
    const id = await save('Bread', 'bread -stale')
    listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    expect(fake.connections[0]?.getAll('wantedCollections')).toEqual(['app.bsky.feed.post'])
    expect(fake.connections[0]?.has('cursor')).toBe(false)

    fake.emit(
      postEvent({ text: 'Fresh bread this morning', rkey: 'a1' }),
      postEvent({ text: 'stale bread again', rkey: 'a2' }),
      postEvent({ text: 'Nothing to see', rkey: 'a3' }),
      ...otherEvents(),
    )
    fake.emitRaw('{not json')
    fake.emitRaw(JSON.stringify({ kind: 'commit', did: 42 }))
    fake.emit(postEvent({ text: 'BREAD and butter', rkey: 'a4' }))
    const matches = await until(
      () => matchesOf(id),
      (items) => items.length === 2,
    )
    expect(matches.map((m) => m.text)).toEqual(['BREAD and butter', 'Fresh bread this morning'])

    // The stream drops; the consumer resumes from its cursor and the source sends posts again.
    fake.disconnectAll()
    await until(
      () => Promise.resolve(fake.connections.length),
      (n) => n === 2,
    )
    expect(Number(fake.connections[1]?.get('cursor'))).toBeGreaterThan(0)
    fake.emit(postEvent({ text: 'one more bread', rkey: 'a5' }))
    await until(
      () => matchesOf(id),
      (items) => items.length === 3,
    )
    const stored = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(listenMatches)
      .where(eq(listenMatches.searchId, id))
    expect(stored[0]?.n).toBe(3)
    const volume = await t.request('GET', `${base}/searches/${id}/volume`, { cookie: owner.cookie })
    expect(volume.json.total).toBe(3)
    expect(await listening()).toMatchObject({ state: 'connected', consumed: true })
  })

  it('is consumed by one worker at a time; another takes over from the cursor when it stops', async () => {
    fake = await startJetstreamFake()
    const id = await save('Cake', 'cake')
    const first = listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    listen()
    fake.emit(postEvent({ text: 'cake one', rkey: 'c1' }))
    await until(
      () => matchesOf(id),
      (items) => items.length === 1,
    )
    await new Promise((resolve) => setTimeout(resolve, 400))
    expect(fake.connections.length).toBe(1)

    await first.stop()
    await until(
      () => Promise.resolve(fake.connections.length),
      (n) => n === 2,
    )
    expect(fake.openConnections()).toBe(1)
    expect(Number(fake.connections[1]?.get('cursor'))).toBeGreaterThan(0)
    fake.emit(postEvent({ text: 'cake two', rkey: 'c2' }))
    await until(
      () => matchesOf(id),
      (items) => items.length === 2,
    )
  })

  it('misses nothing and stores nothing twice while the stream drops every second', async () => {
    fake = await startJetstreamFake()
    const id = await save('Flaky', 'flaky')
    listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    for (let round = 0; round < 5; round++) {
      // Some posts while connected, some while the consumer is away: all are replayed from the cursor.
      fake.emit(postEvent({ text: `flaky ${round} live`, rkey: `fl${round}a` }))
      await new Promise((resolve) => setTimeout(resolve, 150))
      fake.disconnectAll()
      fake.emit(postEvent({ text: `flaky ${round} while away`, rkey: `fl${round}b` }))
      await until(
        () => Promise.resolve(fake.openConnections()),
        (n) => n === 1,
        15_000,
      )
    }
    await until(
      () => matchesOf(id),
      (items) => items.length === 10,
      15_000,
    )
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(await matchesOf(id)).toHaveLength(10)
    const volume = await t.request('GET', `${base}/searches/${id}/volume`, { cookie: owner.cookie })
    expect(volume.json.total).toBe(10)
    expect(fake.connections.length).toBe(6)
  }, 60_000)

  it('is taken over once a worker that died stops renewing its lease', async () => {
    fake = await startJetstreamFake()
    const id = await save('Jam', 'jam')
    // A worker that held the lease and died: its lease runs out, nobody released it.
    await t.database.db.insert(listenLeases).values({
      source: 'jetstream',
      holder: 'dead-worker',
      expiresAt: new Date(Date.now() + 800),
      cursor: Date.now() * 1_000 - 60_000_000,
    })
    listen()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(fake.connections.length).toBe(0)
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    expect(Number(fake.connections[0]?.get('cursor'))).toBeGreaterThan(0)
    fake.emit(postEvent({ text: 'jam session', rkey: 'j1' }))
    await until(
      () => matchesOf(id),
      (items) => items.length === 1,
    )
  })

  it('backs off while the source is unreachable, shows it, and resumes when it is back', async () => {
    fake = await startJetstreamFake()
    const id = await save('Soup', 'soup')
    listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    fake.refuse(true)
    fake.disconnectAll()
    const down = await until(listening, (s) => s.state === 'backing_off')
    expect(down.detail).toMatch(/unreachable or closed/)
    fake.refuse(false)
    await until(listening, (s) => s.state === 'connected', 15_000)
    fake.emit(postEvent({ text: 'soup is back', rkey: 's1' }))
    await until(
      () => matchesOf(id),
      (items) => items.length === 1,
    )
  })

  it('resumes from now when the stored cursor is older than Jetstream keeps, and says so', async () => {
    fake = await startJetstreamFake()
    await t.database.db
      .insert(listenLeases)
      .values({ source: 'jetstream', cursor: (Date.now() - 48 * 3600_000) * 1_000 })
    await save('Tea', 'tea')
    listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    expect(fake.connections[0]?.has('cursor')).toBe(false)
    const status = await until(listening, (s) => s.state === 'connected')
    expect(status.detail).toMatch(/Resumed from now/)
  })

  it('counts a flood of 50,000 posts in a minute and keeps a broad search’s stored matches capped', async () => {
    fake = await startJetstreamFake()
    const narrow = await save('Rye', 'rye')
    const broad = await save('Not spam', 'NOT spam')
    listen()
    await until(
      () => Promise.resolve(fake.openConnections()),
      (n) => n === 1,
    )
    const now = Date.now() * 1_000
    const minuteStart = now - (now % 60_000_000)
    const events = Array.from({ length: 50_000 }, (_, at) =>
      postEvent({
        text: at % 50 === 0 ? `rye bread ${at}` : `post number ${at}`,
        rkey: `f${at}`,
        timeUs: minuteStart + at,
      }),
    )
    const started = Date.now()
    fake.emit(...events)
    const volumeOf = async (id: string) =>
      (await t.request('GET', `${base}/searches/${id}/volume`, { cookie: owner.cookie })).json.total
    await until(
      () => volumeOf(broad),
      (n) => n === 50_000,
      60_000,
    )
    console.log(`50,000 events matched and counted in ${Date.now() - started} ms`)
    expect(await volumeOf(narrow)).toBe(1_000)
    const kept = await t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(listenMatches)
      .where(eq(listenMatches.searchId, broad))
    expect(kept[0]?.n).toBe(60)
    expect((await listening()).lagSeconds).toBeLessThan(120)
  }, 90_000)
})

describe('listening lag', () => {
  it('reports listening that has fallen behind its source', async () => {
    const { readListeningLag } = await import('../store/queries/read-listening-lag.ts')
    await t.database.db.insert(listenLeases).values({
      source: 'jetstream',
      holder: 'worker-1',
      expiresAt: new Date(Date.now() + 10_000),
      state: 'backing_off',
      detail: 'unreachable',
      lastEventAt: new Date(Date.now() - 300_000),
    })
    expect(await readListeningLag(t.database.db)).toEqual([
      {
        source: 'jetstream',
        kind: 'bluesky',
        state: 'backing_off',
        lagSeconds: expect.toSatisfy((s: number) => s >= 300 && s < 310),
        behind: true,
      },
    ])
    await t.database.db
      .update(listenLeases)
      .set({ lastEventAt: new Date(), state: 'connected', detail: null })
    expect(await readListeningLag(t.database.db)).toMatchObject([{ lagSeconds: 0, behind: false }])
  })

  it('does not call a quiet connected source behind, but one whose last batch was old when stored', async () => {
    const { readListeningLag } = await import('../store/queries/read-listening-lag.ts')
    const { recordListenState } = await import('../commands/record-listen-state.ts')
    // A personal PDS with no post for ten minutes; its last batch was stored a second after.
    await t.database.db.insert(listenLeases).values({
      source: 'bluesky-firehose:pds.example',
      holder: 'worker-1',
      expiresAt: new Date(Date.now() + 10_000),
      state: 'connected',
      lastEventAt: new Date(Date.now() - 600_000),
      lagSeconds: 1,
    })
    const state = { source: 'bluesky-firehose:pds.example', holder: 'worker-1', detail: null }
    const lag = async () => (await readListeningLag(t.database.db))[0]
    await recordListenState(t.database.db, { ...state, state: 'connected' })
    expect(await lag()).toMatchObject({ lagSeconds: 1, behind: false })
    // A flood: the batch just stored was five minutes old.
    await t.database.db.update(listenLeases).set({ lagSeconds: 300 })
    expect(await lag()).toMatchObject({ lagSeconds: 300, behind: true })
    // Gone: the time since the last post read counts.
    await t.database.db.update(listenLeases).set({ lagSeconds: 1 })
    await recordListenState(t.database.db, { ...state, state: 'backing_off' })
    expect(await lag()).toMatchObject({
      state: 'backing_off',
      lagSeconds: expect.toSatisfy((s: number) => s >= 600 && s < 610),
      behind: true,
    })
  })

  it('leaves out sources nobody consumes and leases that are not listening sources', async () => {
    const { readListeningLag } = await import('../store/queries/read-listening-lag.ts')
    const held = { holder: 'worker-1', expiresAt: new Date(Date.now() + 10_000) }
    await t.database.db.insert(listenLeases).values([
      { source: 'mastodon:down.example', ...held, state: 'backing_off' },
      { source: 'mastodon-stream:4f1c', ...held, state: 'reconnecting' },
      { source: 'feeds', holder: null, expiresAt: null, state: 'stopped' },
    ])
    expect(await readListeningLag(t.database.db)).toEqual([
      {
        source: 'mastodon:down.example',
        kind: 'mastodon',
        state: 'backing_off',
        lagSeconds: null,
        behind: false,
      },
    ])
  })
})
