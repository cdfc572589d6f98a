import { eq, sql } from 'drizzle-orm'
import pino from 'pino'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import type { FakeActor } from '../../test/peers/mastodon-fake/index.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { inboxItems, inboxReactions } from '../store/schema/index.ts'
import { type MastodonStreams, startMastodonStreams } from './run-mastodon-streams.ts'

// Sous streaming a Mastodon account from the CONTRACT FAKE's streaming API; no polling runs,
// so whatever reaches the inbox came by the stream or its REST catch-up.
let app: DeliveringApp
let streams: MastodonStreams | undefined
let accountId: string
const people: FakeActor[] = []

beforeAll(async () => {
  app = await startDeliveringApp(['acme'])
  accountId = app.accounts.acme?.accountId ?? ''
  for (const name of ['ann', 'bob', 'cem']) people.push(app.fake.actor(app.fake.createUser(name)))
})
afterAll(async () => {
  await streams?.stop()
  await app?.close()
})

const start = () =>
  startMastodonStreams({
    database: app.t.database,
    secret: TEST_SECRET,
    networks: createNetworkRegistry(app.t.config),
    logger: pino({ level: 'silent' }),
    tickMs: 200,
    retry: { baseDelayMs: 50, maxDelayMs: 200 },
    pageSize: 5,
  })
const items = () =>
  app.t.database.db
    .select({ uri: inboxItems.uri, text: inboxItems.text, eventKind: inboxItems.eventKind })
    .from(inboxItems)
    .where(eq(inboxItems.accountId, accountId))
const statusesFor = () =>
  [...app.fake.state.notifications]
    .filter((n) => n.recipientId === app.accounts.acme?.user.id && n.statusId)
    .map((n) => n.statusId as string)
const me = () => {
  const acme = app.accounts.acme
  if (!acme) throw new Error('no account')
  return acme.user
}
const ask = (n: number) => {
  const who = people[n % people.length] as FakeActor
  return n % 5 === 4
    ? who.directMessage(me(), `private ${n}?`)
    : who.mention(me(), `question ${n}?`)
}

describe('Mastodon streaming into the inbox', () => {
  it('stores a mention as it happens, with no poll', async () => {
    streams = start()
    await vi.waitFor(() => expect(app.fake.streaming.open).toBe(1), { timeout: 10_000 })
    const status = people[0]?.mention(me(), 'is the shop open today?')
    await vi.waitFor(async () => expect((await items()).map((i) => i.uri)).toContain(status?.id), {
      timeout: 5_000,
      interval: 25,
    })
  })

  it('loses nothing and duplicates nothing across a disconnect in the middle of a burst', async () => {
    const accepted = app.fake.streaming.accepted
    for (let n = 0; n < 20; n++) ask(n)
    // Cut the stream mid-burst and keep the server refusing while more happen: no replay.
    app.fake.streaming.drop()
    app.fake.streaming.refuse(true)
    for (let n = 20; n < 40; n++) ask(n)
    const post = app.fake.actor(me()).post('our news').id
    for (const who of people) who.favourite(post)
    await new Promise((resolve) => setTimeout(resolve, 300))
    app.fake.streaming.refuse(false)
    for (let n = 40; n < 50; n++) ask(n)
    const expected = statusesFor().filter(
      (id) => app.fake.state.statuses.get(id)?.text !== 'our news',
    )
    await vi.waitFor(async () => expect((await items()).length).toBe(expected.length), {
      timeout: 15_000,
      interval: 50,
    })
    await new Promise((resolve) => setTimeout(resolve, 300))
    const stored = await items()
    expect(stored.map((i) => i.uri).sort()).toEqual([...expected].sort())
    expect(new Set(stored.map((i) => i.uri)).size).toBe(stored.length)
    expect(stored.filter((i) => i.eventKind === 'dm')).toHaveLength(10)
    expect(app.fake.streaming.accepted).toBeGreaterThan(accepted)
    // The gap came back through the REST catch-up, read upward from the stored cursor.
    expect(app.fake.requests.some((r) => /\/api\/v1\/notifications\?.*min_id=/.test(r.path))).toBe(
      true,
    )
    const likes = await app.t.database.db
      .select({ n: sql<number>`count(*)::int` })
      .from(inboxReactions)
      .where(eq(inboxReactions.accountId, accountId))
    expect(likes[0]?.n).toBe(3)
  })

  it('picks up after a restart from the stored cursor, again without duplicates', async () => {
    await streams?.stop()
    streams = undefined
    for (let n = 50; n < 57; n++) ask(n)
    streams = start()
    const expected = statusesFor().filter(
      (id) => app.fake.state.statuses.get(id)?.text !== 'our news',
    )
    await vi.waitFor(async () => expect((await items()).length).toBe(expected.length), {
      timeout: 15_000,
      interval: 50,
    })
    const stored = await items()
    expect(new Set(stored.map((i) => i.uri)).size).toBe(stored.length)
  })

  it('answers a direct message directly: visibility direct, in reply to it, its sender addressed', async () => {
    const dm = people[1]?.directMessage(me(), 'can you check my order privately?')
    await vi.waitFor(async () => expect((await items()).map((i) => i.uri)).toContain(dm?.id), {
      timeout: 5_000,
      interval: 25,
    })
    const ws = `/api/v1/workspaces/${app.owner.workspace.id}`
    const inbox = await app.t.request('GET', `${ws}/inbox`, { cookie: app.owner.cookie })
    const item = inbox.json.items.find((i: { uri: string }) => i.uri === dm?.id)
    expect(item.eventKind).toBe('dm')
    const sent = await app.t.request('POST', `${ws}/inbox/${item.id}/reply`, {
      cookie: app.owner.cookie,
      body: { text: 'Of course — which order number?' },
    })
    expect(sent.status, sent.text).toBe(202)
    await vi.waitFor(() => expect(app.published(me().id, 'which order number')).toHaveLength(1), {
      timeout: 10_000,
      interval: 50,
    })
    const reply = [...app.fake.state.statuses.values()].find((s) =>
      s.text.includes('which order number'),
    )
    expect(reply).toMatchObject({ visibility: 'direct', inReplyToId: dm?.id })
    expect(reply?.text).toMatch(/^@bob(@\S+)? Of course/)
  })
})
