import { randomUUID } from 'node:crypto'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { ingestInboxEvents } from '../../commands/ingest-inbox-events.ts'
import type { InboxEvent } from '../../networks/types.ts'
import { accounts, auditLog } from '../../store/schema/index.ts'

let t: TestApp
let owner: TestOwner
const ws = () => `/api/v1/workspaces/${owner.workspace.id}`
type Account = { id: string; workspaceId: string; network: string }
let bluesky: Account
let mastodon: Account

async function connect(network: string, handle: string): Promise<Account> {
  const id = randomUUID()
  await t.database.db.insert(accounts).values({
    id,
    workspaceId: owner.workspace.id,
    network,
    networkAccountId: `${network}:${handle}`,
    handle,
    url: `https://${network}.test/${handle}`,
    service: `https://${network}.test`,
    credentials: 'sealed',
  })
  return { id, workspaceId: owner.workspace.id, network }
}

beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  bluesky = await connect('bluesky', 'acme.test')
  mastodon = await connect('mastodon', 'acme@social.test')
})
afterAll(async () => {
  await t?.close()
})

let n = 0
const said = (author: { id: string; handle: string }, text: string): InboxEvent => {
  n++
  return {
    id: `event-${n}`,
    kind: 'mention',
    author: { ...author, displayName: 'Dana', bio: '' },
    createdAt: new Date(Date.now() - (100 - n) * 1000).toISOString(),
    text,
    uri: `uri-${n}`,
  }
}
const danaOnBluesky = { id: 'did:plc:dana', handle: 'dana.bsky.test' }
const danaOnMastodon = { id: '1090001', handle: 'dana@mastodon.test' }

const detail = async (itemId: string) =>
  (await t.request('GET', `${ws()}/inbox/${itemId}`, { cookie: owner.cookie })).json
const itemAbout = async (text: string) => {
  const page = await t.request('GET', `${ws()}/inbox`, { cookie: owner.cookie })
  return page.json.items.find((i: { text: string }) => i.text.includes(text))
}

describe('one person across networks', () => {
  let blueskyItem: { id: string; author: { id: string; personId: string } }
  let mastodonItem: { id: string; author: { id: string; personId: string } }

  it('shows each identity as its own person until someone merges them', async () => {
    await ingestInboxEvents(t.database, bluesky, [said(danaOnBluesky, 'is the shop open today?')])
    await ingestInboxEvents(t.database, mastodon, [said(danaOnMastodon, 'my order never came')])
    blueskyItem = await itemAbout('shop open')
    mastodonItem = await itemAbout('never came')
    expect(blueskyItem.author.personId).not.toBe(mastodonItem.author.personId)
    const before = await detail(blueskyItem.id)
    expect(before.person.identities.map((i: { handle: string }) => i.handle)).toEqual([
      'dana.bsky.test',
    ])
    expect(before.person.history).toHaveLength(1)
  })

  it('merges: both identities and both histories on the item, and the rule that named the other person follows', async () => {
    await t.request('PUT', `${ws()}/routing-rules`, {
      cookie: owner.cookie,
      body: {
        items: [
          {
            name: 'Dana is a VIP',
            conditions: { personIds: [mastodonItem.author.personId] },
            actions: { priority: 'high', tags: ['vip'] },
          },
        ],
      },
    })
    const merged = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/merge`,
      { cookie: owner.cookie, body: { identityId: mastodonItem.author.id } },
    )
    expect(merged.status, merged.text).toBe(200)
    expect(merged.json.identities.map((i: { network: string }) => i.network)).toEqual([
      'bluesky',
      'mastodon',
    ])
    const after = await detail(blueskyItem.id)
    expect(after.person.personId).toBe(blueskyItem.author.personId)
    expect(after.person.history.map((m: { text: string }) => m.text).sort()).toEqual([
      'is the shop open today?',
      'my order never came',
    ])
    expect((await detail(mastodonItem.id)).person.identities).toHaveLength(2)

    const rules = await t.request('GET', `${ws()}/routing-rules`, { cookie: owner.cookie })
    expect(rules.json.items[0].conditions.personIds).toEqual([blueskyItem.author.personId])
    // From either network, Dana is now the person the rule names.
    await ingestInboxEvents(t.database, bluesky, [
      said(danaOnBluesky, 'also, do you ship to Oslo?'),
    ])
    const routed = await itemAbout('Oslo')
    expect(routed).toMatchObject({ priority: 'high', tags: ['vip'] })
    expect(routed.rule.name).toBe('Dana is a VIP')

    const again = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/merge`,
      { cookie: owner.cookie, body: { identityId: mastodonItem.author.id } },
    )
    expect(again.status).toBe(409)
    expect(again.json.detail).toContain('dana@mastodon.test')
  })

  it('refuses unknown people and identities, other workspaces, and people who only read', async () => {
    const other = await t.otherWorkspace(owner.user.id)
    const elsewhere = await t.request(
      'POST',
      `/api/v1/workspaces/${other.id}/inbox-people/${blueskyItem.author.personId}/merge`,
      { cookie: owner.cookie, body: { identityId: mastodonItem.author.id } },
    )
    expect(elsewhere.status).toBe(404)
    const unknown = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/merge`,
      { cookie: owner.cookie, body: { identityId: randomUUID() } },
    )
    expect(unknown.status).toBe(404)
    expect(unknown.json.detail).toContain('identity')
    const analyst = await t.member(owner.workspace.id, 'analyst')
    const refused = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/unmerge`,
      { cookie: analyst.cookie, body: { identityId: mastodonItem.author.id } },
    )
    expect(refused.status).toBe(403)
    expect(
      (await t.request('GET', `${ws()}/inbox-people/${randomUUID()}`, { cookie: owner.cookie }))
        .status,
    ).toBe(404)
  })

  it('unmerges one identity into a person of its own, with its messages; both steps audited', async () => {
    const res = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/unmerge`,
      { cookie: owner.cookie, body: { identityId: mastodonItem.author.id } },
    )
    expect(res.status, res.text).toBe(200)
    expect(res.json.person.identities).toHaveLength(1)
    expect(res.json.separated.identities.map((i: { handle: string }) => i.handle)).toEqual([
      'dana@mastodon.test',
    ])
    expect(res.json.separated.history.map((m: { text: string }) => m.text)).toEqual([
      'my order never came',
    ])
    expect(res.json.separated.personId).not.toBe(blueskyItem.author.personId)
    const after = await detail(blueskyItem.id)
    expect(after.person.history.map((m: { text: string }) => m.text)).not.toContain(
      'my order never came',
    )
    const alone = await t.request(
      'POST',
      `${ws()}/inbox-people/${blueskyItem.author.personId}/unmerge`,
      { cookie: owner.cookie, body: { identityId: blueskyItem.author.id } },
    )
    expect(alone.status).toBe(409)
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(
        and(eq(auditLog.targetType, 'person'), eq(auditLog.targetId, blueskyItem.author.personId)),
      )
      .orderBy(auditLog.id)
    expect(audit.map((a) => [a.action, a.actorUserId])).toEqual([
      ['person.merged', owner.user.id],
      ['person.unmerged', owner.user.id],
    ])
  })
})

describe('finding a person to merge or to name in a rule', () => {
  const find = (query: string, cookie = owner.cookie) =>
    t.request('GET', `${ws()}/inbox-people?${query}`, { cookie })

  it('finds identities by part of the handle or name, and names the people a rule picks', async () => {
    const percent100 = said({ id: 'did:plc:percent', handle: '100%real.bsky.test' }, 'hello')
    await ingestInboxEvents(t.database, bluesky, [
      { ...percent100, author: { ...percent100.author, displayName: 'Percy' } },
    ])
    const byHandle = await find('q=DANA')
    expect(byHandle.status, byHandle.text).toBe(200)
    expect(byHandle.json.items.map((i: { handle: string }) => i.handle)).toEqual([
      'dana.bsky.test',
      'dana@mastodon.test',
    ])
    // The user's % is a character, not a wildcard.
    const percent = await find(`q=${encodeURIComponent('0%r')}`)
    expect(percent.json.items.map((i: { handle: string }) => i.handle)).toEqual([
      '100%real.bsky.test',
    ])
    const dana = byHandle.json.items[0]
    const named = await find(`people=${dana.personId}`)
    expect(named.json.items.map((i: { id: string }) => i.id)).toEqual([dana.id])
    expect((await find('')).json.items).toEqual([])
  })

  it('never shows another workspace’s people, and refuses ids that are not ids', async () => {
    const other = await t.otherWorkspace(owner.user.id, 'Elsewhere')
    const elsewhere = await t.request('GET', `/api/v1/workspaces/${other.id}/inbox-people?q=dana`, {
      cookie: owner.cookie,
    })
    expect(elsewhere.status).toBe(200)
    expect(elsewhere.json.items).toEqual([])
    const bad = await find('people=not-an-id')
    expect(bad.status).toBe(400)
    expect(bad.json.detail).toContain('people')
    expect(bad.json.errors[0].message).toContain('person ids')
  })
})
