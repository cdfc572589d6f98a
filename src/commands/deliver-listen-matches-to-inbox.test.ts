import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import { postEvent, startJetstreamFake } from '../../test/peers/jetstream-fake/index.ts'
import { startListener } from '../jobs/run-listener.ts'
import { createLogger } from '../logger.ts'

let t: TestApp
let owner: TestOwner
let base: string
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
})
afterAll(async () => {
  await t?.close()
})

async function until<T>(read: () => Promise<T>, done: (value: T) => boolean, ms = 10_000) {
  const started = Date.now()
  for (;;) {
    const value = await read()
    if (done(value)) return value
    if (Date.now() - started > ms) throw new Error(`still ${JSON.stringify(value)} after ${ms} ms`)
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
}

describe('listening matches in the inbox', () => {
  it('arrive as items of source "listening", tagged with the search, classified and routed by the rules', async () => {
    const rules = await t.request('PUT', `${base}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          {
            name: 'Listening first',
            conditions: { sources: ['listening'] },
            actions: { priority: 'high', tags: ['heard'] },
          },
        ],
      },
    })
    expect(rules.status).toBe(200)
    for (const [name, query] of [
      ['Brand', 'sous'],
      ['Kitchen', 'kitchen'],
    ]) {
      await t.request('POST', `${base}/searches`, { cookie: owner.cookie, body: { name, query } })
    }
    const muted = await t.request('POST', `${base}/searches`, {
      cookie: owner.cookie,
      body: { name: 'Muted', query: 'oven', inbox: false },
    })
    expect(muted.json.search.inbox).toBe(false)

    const fake = await startJetstreamFake()
    const listener = startListener({
      database: t.database,
      config: { jetstreamUrl: fake.url, publicUrl: 'http://sous.test' },
      logger: createLogger(t.config),
      tickMs: 100,
      flushMs: 30,
    })
    try {
      await until(
        () => Promise.resolve(fake.openConnections()),
        (n) => n === 1,
      )
      const post = postEvent({
        text: 'Does Sous work in a small kitchen?',
        did: 'did:plc:asker',
        rkey: 'q1',
      })
      fake.emit(post, postEvent({ text: 'my oven broke', rkey: 'o1' }))
      const inbox = await until(
        async () => (await t.request('GET', `${base}/inbox`, { cookie: owner.cookie })).json.items,
        (items: Array<{ tags: string[] }>) => items.length >= 1,
      )
      // One item for a post two searches matched; nothing from the search kept out of the inbox.
      await new Promise((resolve) => setTimeout(resolve, 300))
      const items = (await t.request('GET', `${base}/inbox`, { cookie: owner.cookie })).json.items
      expect(items).toHaveLength(1)
      expect(inbox[0]).toMatchObject({
        source: 'listening',
        eventKind: 'post',
        account: null,
        text: 'Does Sous work in a small kitchen?',
        uri: 'at://did:plc:asker/app.bsky.feed.post/q1',
        url: 'https://bsky.app/profile/did:plc:asker/post/q1',
        kind: 'question',
        priority: 'high',
        rule: { name: 'Listening first' },
      })
      expect(inbox[0]?.tags).toEqual(expect.arrayContaining(['heard', 'Brand']))
    } finally {
      await listener.stop()
      await fake.close()
    }
  })
})
