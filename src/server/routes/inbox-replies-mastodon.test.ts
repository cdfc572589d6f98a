import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { pollAccountInbox } from '../../commands/poll-account-inbox.ts'
import { createNetworkRegistry } from '../../networks/registry.ts'
import { auditLog, deliveries, inboxReactions } from '../../store/schema/index.ts'

// Mastodon through the CONTRACT FAKE: polls read notifications, a person replies through
// the delivery engine; the fake's statuses are the judge.
let app: DeliveringApp
const ws = () => `/api/v1/workspaces/${app.owner.workspace.id}`
const poll = () =>
  pollAccountInbox(
    app.t.database,
    { networks: createNetworkRegistry(app.t.config), secret: TEST_SECRET },
    app.accounts.acme?.accountId ?? '',
  )

beforeAll(async () => {
  app = await startDeliveringApp(['acme'])
})
afterAll(async () => {
  await app?.close()
})

const template = (name: string) =>
  `Hi ${name}, thanks for reaching out! We are sorry for the trouble. Please send us your order number by DM and we will look into it right away.`

describe('the inbox on Mastodon', () => {
  const customers = ['ann', 'bob', 'cem', 'dora'] as const
  const statuses = new Map<string, string>()
  let ours: string

  it('reads mentions and replies once however often it polls; likes and boosts are counted, not listed', async () => {
    const acme = app.accounts.acme?.user
    if (!acme) throw new Error('no account')
    ours = app.fake.actor(acme).post('Our spring range is out').id
    for (const name of customers) {
      const actor = app.fake.actor(app.fake.createUser(name))
      statuses.set(
        name,
        actor.reply(ours, `where is my order? it never arrived <script>alert("${name}")</script>`)
          .id,
      )
      actor.favourite(ours)
    }
    app.fake.actor(app.fake.createUser('eve')).reblog(ours)
    const first = await poll()
    expect(first.items).toBe(4)
    await poll()
    await poll()
    const inbox = await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
    expect(inbox.json.items).toHaveLength(4)
    const item = inbox.json.items.find((i: { author: { handle: string } }) =>
      i.author.handle.startsWith('ann'),
    )
    expect(item).toMatchObject({ eventKind: 'reply', kind: 'complaint', status: 'open' })
    // Markup stays text: stored and returned as characters, never as HTML.
    expect(item.text).toContain('<script>alert("ann")</script>')
    expect(inbox.headers.get('content-type')).toMatch(/^application\/json/)
    const reactions = await app.t.database.db
      .select()
      .from(inboxReactions)
      .where(eq(inboxReactions.accountId, app.accounts.acme?.accountId ?? ''))
    expect(reactions.map((r) => r.kind).sort()).toEqual(['like', 'like', 'like', 'like', 'repost'])
  })

  it('sends a reply once, in reply to their status, audited with the person', async () => {
    const inbox = await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
    const itemOf = (name: string) =>
      inbox.json.items.find((i: { author: { handle: string } }) => i.author.handle.startsWith(name))
    for (const name of ['ann', 'bob', 'cem']) {
      const res = await app.t.request('POST', `${ws()}/inbox/${itemOf(name).id}/reply`, {
        cookie: app.owner.cookie,
        body: { text: template(name) },
      })
      expect(res.status, res.text).toBe(202)
    }
    await vi.waitFor(
      () => {
        const sent = app.published(app.accounts.acme?.user.id ?? '', 'thanks for reaching out')
        expect(sent).toHaveLength(3)
      },
      { timeout: 10_000, interval: 50 },
    )
    const annReply = [...app.fake.state.statuses.values()].find((s) => s.text.startsWith('Hi ann'))
    expect(annReply?.inReplyToId).toBe(statuses.get('ann'))
    const [audit] = await app.t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'inbox.replied'), eq(auditLog.targetId, itemOf('ann').id)))
    expect(audit?.actorUserId).toBe(app.owner.user.id)
    const after = await app.t.request('GET', `${ws()}/inbox/${itemOf('ann').id}`, {
      cookie: app.owner.cookie,
    })
    expect(after.json.item.status).toBe('waiting')
  })

  it('warns before a fourth person gets the same form letter; the person decides', async () => {
    const inbox = await app.t.request('GET', `${ws()}/inbox`, { cookie: app.owner.cookie })
    const dora = inbox.json.items.find((i: { author: { handle: string } }) =>
      i.author.handle.startsWith('dora'),
    )
    const refused = await app.t.request('POST', `${ws()}/inbox/${dora.id}/reply`, {
      cookie: app.owner.cookie,
      body: { text: template('dora') },
    })
    expect(refused.status).toBe(409)
    expect(refused.json.detail).toMatch(/form letter: nearly the same went to 3 other people/)
    const sent = await app.t.request('POST', `${ws()}/inbox/${dora.id}/reply`, {
      cookie: app.owner.cookie,
      body: { text: template('dora'), acknowledgeFormLetter: true },
    })
    expect(sent.status, sent.text).toBe(202)
    await vi.waitFor(
      async () => {
        const [delivery] = await app.t.database.db
          .select()
          .from(deliveries)
          .where(eq(deliveries.postId, sent.json.postId))
        expect(delivery?.state).toBe('published')
      },
      { timeout: 10_000, interval: 50 },
    )
    expect(app.published(app.accounts.acme?.user.id ?? '', 'Hi dora')).toHaveLength(1)
  })

  it('reports first-response times per member and account', async () => {
    const stats = await app.t.request('GET', `${ws()}/inbox/stats`, { cookie: app.owner.cookie })
    expect(stats.status, stats.text).toBe(200)
    expect(stats.json.overall.count).toBe(4)
    expect(stats.json.byMember).toEqual([
      expect.objectContaining({ userId: app.owner.user.id, count: 4 }),
    ])
    expect(stats.json.byAccount).toEqual([
      expect.objectContaining({ accountId: app.accounts.acme?.accountId, count: 4 }),
    ])
    expect(stats.json.overall.medianMs).toBeGreaterThanOrEqual(0)
  })
})
