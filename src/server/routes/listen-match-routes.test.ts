import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { auditLog, inboxItems, listenMatches } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
let base: string
let searchId: string
let matchId: string
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
  // A search that does not feed the inbox: a person picks what goes there.
  const saved = await t.request('POST', `${base}/searches`, {
    cookie: owner.cookie,
    body: { name: 'Sourdough', query: 'sourdough', inbox: false },
  })
  searchId = saved.json.search.id
  const [match] = await t.database.db
    .insert(listenMatches)
    .values({
      workspaceId: owner.workspace.id,
      searchId,
      did: 'did:plc:baker',
      rkey: '3lsourdough1',
      uri: 'at://did:plc:baker/app.bsky.feed.post/3lsourdough1',
      network: 'bluesky',
      text: 'Where can I buy a good sourdough loaf? Yours was stale yesterday :(',
      langs: ['en'],
      postedAt: new Date(Date.now() - 60_000),
    })
    .returning()
  matchId = match?.id ?? ''
})
afterAll(async () => {
  await t?.close()
})

const send = (path: string, cookie = owner.cookie) =>
  t.request('POST', `${base}/searches/${path}/inbox`, { cookie })

describe('sending a match to the inbox', () => {
  it('adds it once as a listening item tagged with its search, audited with the person', async () => {
    const sent = await send(`${searchId}/matches/${matchId}`)
    expect(sent.status, sent.text).toBe(200)
    expect(sent.json).toMatchObject({ created: true })
    const inbox = await t.request('GET', `${base}/inbox`, { cookie: owner.cookie })
    const item = inbox.json.items.find((i: { id: string }) => i.id === sent.json.itemId)
    expect(item).toMatchObject({
      source: 'listening',
      text: 'Where can I buy a good sourdough loaf? Yours was stale yesterday :(',
      tags: ['Sourdough'],
    })
    const again = await send(`${searchId}/matches/${matchId}`)
    expect(again.json).toEqual({ itemId: sent.json.itemId, created: false })
    const audited = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, sent.json.itemId))
    expect(audited).toHaveLength(1)
    expect(audited[0]).toMatchObject({ action: 'inbox.item_added', actorUserId: owner.user.id })
  })

  it('keeps the network and the address the match came from (Mastodon, a feed item)', async () => {
    const rows = await t.database.db
      .insert(listenMatches)
      .values([
        {
          workspaceId: owner.workspace.id,
          searchId,
          did: 'https://mastodon.example/@ann',
          rkey: 'https://mastodon.example/users/ann/statuses/7',
          uri: 'https://mastodon.example/@ann/7',
          network: 'mastodon',
          text: 'Sourdough from the fediverse',
          postedAt: new Date(),
        },
        {
          workspaceId: owner.workspace.id,
          searchId,
          did: 'feed:5e1d',
          rkey: 'item-1',
          uri: 'https://bakery.example/news/sourdough',
          network: null,
          text: 'Sourdough news',
          postedAt: new Date(),
        },
      ])
      .returning()
    const items = []
    for (const row of rows) {
      const sent = await send(`${searchId}/matches/${row.id}`)
      expect(sent.status, sent.text).toBe(200)
      const [item] = await t.database.db
        .select()
        .from(inboxItems)
        .where(eq(inboxItems.id, sent.json.itemId))
      items.push(item)
    }
    expect(items).toMatchObject([
      { network: 'mastodon', url: 'https://mastodon.example/@ann/7', accountId: null },
      { network: null, url: 'https://bakery.example/news/sourdough' },
    ])
  })

  it('refuses a match of another search, an unknown one, and an analyst', async () => {
    const other = await t.request('POST', `${base}/searches`, {
      cookie: owner.cookie,
      body: { name: 'Rye', query: 'rye' },
    })
    const wrong = await send(`${other.json.search.id}/matches/${matchId}`)
    expect(wrong.status).toBe(404)
    expect(wrong.headers.get('content-type')).toContain('application/problem+json')
    expect(wrong.json.detail).toMatch(/match/)
    const unknown = await send(`${searchId}/matches/00000000-0000-4000-8000-000000000000`)
    expect(unknown.status).toBe(404)
    const analyst = await t.member(owner.workspace.id, 'analyst')
    expect((await send(`${searchId}/matches/${matchId}`, analyst.cookie)).status).toBe(403)
  })
})
