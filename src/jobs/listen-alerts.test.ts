import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import {
  type JetstreamFake,
  postEvent,
  startJetstreamFake,
} from '../../test/peers/jetstream-fake/index.ts'
import { createLogger } from '../logger.ts'
import { auditLog, crisisWatches, listenVolume, savedSearches } from '../store/schema/index.ts'
import { type Listener, startListener } from './run-listener.ts'

let app: DeliveringApp
let fake: JetstreamFake
let listener: Listener
let base: string
const MINUTE = 60_000

beforeAll(async () => {
  app = await startDeliveringApp(['brand'])
  fake = await startJetstreamFake()
  base = `/api/v1/workspaces/${app.owner.workspace.id}`
})
afterAll(async () => {
  await listener?.stop()
  await fake?.close()
  await app?.close()
})

const request = (method: string, path: string, body?: unknown) =>
  app.t.request(method, `${base}${path}`, { cookie: app.owner.cookie, body })

const listen = () => {
  listener = startListener({
    database: app.t.database,
    config: { jetstreamUrl: fake.url, publicUrl: 'http://sous.test' },
    logger: createLogger(app.t.config),
    tickMs: 100,
    flushMs: 30,
  })
}

// The listener reloads searches every tick (100 ms here): let it see the backdated history.
const pickedUp = () => new Promise((resolve) => setTimeout(resolve, 500))

describe('spike alerts', () => {
  it('alert once per cooldown, naming the search, the volume against the baseline and samples', async () => {
    const saved = await request('POST', '/searches', {
      name: 'Refunds',
      query: 'refund*',
      alert: { sensitivity: 'medium', minVolume: 5, cooldownMinutes: 30 },
      inbox: false,
    })
    const id = saved.json.search.id
    // The baseline is the last twenty whole minutes: the test runs within one minute, so a
    // new minute does not shift the window under it (it raced so on a loaded machine).
    const left = MINUTE - (Date.now() % MINUTE)
    if (left < 20_000) await new Promise((resolve) => setTimeout(resolve, left + 50))
    // Twenty calm minutes before: one refund post a minute.
    const now = Date.now()
    const thisMinute = now - (now % MINUTE)
    await app.t.database.db
      .update(savedSearches)
      .set({ createdAt: new Date(thisMinute - 20 * MINUTE) })
      .where(eq(savedSearches.id, id))
    await app.t.database.db.insert(listenVolume).values(
      Array.from({ length: 20 }, (_, at) => ({
        searchId: id,
        minute: new Date(thisMinute - (at + 1) * MINUTE),
        count: 1,
      })),
    )
    listen()
    await vi.waitFor(() => expect(fake.openConnections()).toBe(1), { timeout: 10_000 })
    await pickedUp()
    fake.emit(
      ...Array.from({ length: 15 }, (_, at) => postEvent({ text: `Where is my refund #${at}?` })),
    )
    const alerts = await vi.waitFor(
      async () => {
        const res = await request('GET', '/alerts')
        expect(res.json.items).toHaveLength(1)
        return res.json.items
      },
      { timeout: 10_000, interval: 100 },
    )
    expect(alerts[0]).toMatchObject({
      kind: 'spike',
      search: { id, name: 'Refunds' },
      baseline: 1,
      threshold: 6,
      brakeId: null,
    })
    expect(alerts[0].volume).toBeGreaterThanOrEqual(6)
    expect(alerts[0].samples[0].text).toMatch(/Where is my refund/)

    fake.emit(
      ...Array.from({ length: 15 }, (_, at) => postEvent({ text: `Still no refund ${at}` })),
    )
    await new Promise((resolve) => setTimeout(resolve, 600))
    expect((await request('GET', '/alerts')).json.items).toHaveLength(1)
    await request('DELETE', `/searches/${id}`)
  }, 60_000)
})

describe('crisis watch', () => {
  it('is off by default and only an admin turns it on', async () => {
    expect((await request('GET', '/crisis-watch')).json).toMatchObject({
      enabled: false,
      id: null,
    })
    const editor = await app.t.member(app.owner.workspace.id, 'editor')
    const refused = await app.t.request('PUT', `${base}/crisis-watch`, {
      cookie: editor.cookie,
      body: { enabled: true, terms: [], sensitivity: 'high' },
    })
    expect(refused.status).toBe(403)
  })

  it('engages the brake within 5 s of a spike of crisis posts; the post due moments later waits in review', async () => {
    const on = await request('PUT', '/crisis-watch', {
      enabled: true,
      terms: ['oven recall'],
      sensitivity: 'high',
    })
    expect(on.status).toBe(200)
    expect(on.json).toMatchObject({ enabled: true, terms: ['oven recall'], sensitivity: 'high' })
    expect(on.json.builtInTerms).toBeGreaterThan(50)
    const watchId = on.json.id
    // It has been watching for twenty quiet minutes.
    await app.t.database.db
      .update(crisisWatches)
      .set({ enabledAt: new Date(Date.now() - 20 * MINUTE) })
      .where(eq(crisisWatches.id, watchId))
    await pickedUp()
    const scheduled = await request('POST', '/posts', {
      variants: [{ accountId: app.accounts.brand?.accountId, text: 'Our summer sale starts now!' }],
      // Due after the 5 s the brake may take, and no later: the test waits for it in real time.
      schedule: { at: new Date(Date.now() + 8_000).toISOString() },
    })
    expect(scheduled.status, scheduled.text).toBe(201)

    // Calm chatter first, then the spike: 12 posts in several languages within seconds.
    fake.emit(postEvent({ text: 'lovely sourdough today' }))
    const spike = [
      'Huge earthquake in the city, everyone stay safe',
      'Erdbeben gerade in Köln gespürt',
      'Séisme ressenti à Lyon',
      '東京で地震',
      'Another earthquake aftershock',
      'oven recall announced for model X',
      'Terremoto en Ciudad de México',
      'earthquake!!',
      'Explosion downtown, evacuating now',
      'earthquake again',
      'the earthquake took down power',
      'terremoto forte',
    ].map((text) => postEvent({ text }))
    const crossed = Date.now()
    fake.emit(...spike)
    const brake = await vi.waitFor(
      async () => {
        const res = await app.t.request('GET', '/api/v1/brake', { cookie: app.owner.cookie })
        const engaged = (res.json.items ?? res.json).find(
          (b: { workspaceId: string }) => b.workspaceId === app.owner.workspace.id,
        )
        expect(engaged).toBeTruthy()
        return engaged
      },
      { timeout: 5_000, interval: 50 },
    )
    const engagedInMs = Date.now() - crossed
    console.log(`crisis watch engaged the brake ${engagedInMs} ms after the spike was sent`)
    expect(engagedInMs).toBeLessThanOrEqual(5_000)
    expect(brake.reason).toMatch(
      /^Crisis watch: \d+ crisis posts in the minute from \d\d:\d\d UTC against a baseline of 0 a minute \(threshold 10\)\. Evidence: http:\/\/sous\.test\/api\/v1\/workspaces\/.+\/alerts\/.+$/,
    )

    const [engagedAudit] = await app.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'brake.engaged'), eq(auditLog.targetId, brake.id)))
    expect(engagedAudit).toMatchObject({ actorUserId: null, actorLabel: 'crisis watch' })
    // The alert and its audit entry are written just after the brake's own transaction.
    const alert = await vi.waitFor(
      async () => {
        const alerts = (await request('GET', '/alerts')).json.items
        const found = alerts.find((a: { kind: string }) => a.kind === 'crisis')
        expect(found).toBeDefined()
        return found
      },
      { timeout: 5_000, interval: 50 },
    )
    expect(alert).toMatchObject({
      kind: 'crisis',
      search: { id: watchId, name: 'Crisis watch' },
      baseline: 0,
      threshold: 10,
      brakeId: brake.id,
    })
    expect(brake.reason).toContain(`/alerts/${alert.id}`)
    const [triggered] = await app.t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'crisis_watch.triggered'))
    expect(triggered).toMatchObject({ actorLabel: 'crisis watch', targetId: alert.id })
    expect(triggered?.data).toMatchObject({ volume: alert.volume, baseline: 0, threshold: 10 })
    const evidence = await request('GET', `/searches/${watchId}/matches`)
    expect(evidence.json.items.length).toBeGreaterThanOrEqual(10)
    expect((await request('GET', `/alerts/${alert.id}`)).status).toBe(200)

    // The post comes due: it does not go out, it waits for a person.
    const post = await vi.waitFor(
      async () => {
        const res = await request('GET', `/posts/${scheduled.json.id}`)
        expect(res.json.variants[0].deliveries[0].state).toBe('needs_review')
        return res.json
      },
      { timeout: 30_000, interval: 200 },
    )
    expect(post.variants[0].error).toMatch(/brake was on: Crisis watch/)
    expect(app.published(app.accounts.brand?.user.id ?? '', 'summer sale')).toEqual([])
    // Crisis watch never lets go: the brake is still on.
    const still = await app.t.request('GET', '/api/v1/brake', { cookie: app.owner.cookie })
    expect(JSON.stringify(still.json)).toContain(brake.id)
  }, 60_000)
})
