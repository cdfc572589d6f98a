import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { countStatements } from '../../../bench/count-statements.ts'
import type { TestApp } from '../../../test/app.ts'
import { connectMastodonAccount } from '../../../test/connect-mastodon.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { auditLog } from '../../store/schema/index.ts'

// Drafts before any account is connected; the account comes later, on the Mastodon CONTRACT
// FAKE. No worker: nothing goes out.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
const posts = () => `/api/v1/workspaces/${owner.workspace.id}/posts`

beforeAll(async () => {
  app = await startDeliveringApp([], { worker: false })
  ;({ t, owner } = app)
})
afterAll(async () => {
  await app?.close()
})

describe('drafts before any account is connected', () => {
  it('keeps an idea with no variant yet, and lists it among the drafts', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { text: 'Launch day: thank the beta testers', variants: [] },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json).toMatchObject({
      text: 'Launch day: thank the beta testers',
      variants: [],
      checks: [],
    })
    const drafts = await t.request('GET', `${posts()}?status=draft`, { cookie: owner.cookie })
    expect(drafts.json.items.map((p: { id: string }) => p.id)).toContain(res.json.id)

    const empty = await t.request('POST', posts(), { cookie: owner.cookie, body: {} })
    expect(empty.status).toBe(422)
    expect(empty.json.errors).toEqual([
      { field: 'text', message: 'write the idea, or give at least one variant' },
    ])
  })

  it('checks a variant aimed at a network against its default limits, and will not schedule it', async () => {
    const draft = {
      variants: [
        { network: 'mastodon', text: 'x'.repeat(501) },
        { network: 'bluesky', text: 'Short and sweet' },
      ],
    }
    const res = await t.request('POST', posts(), { cookie: owner.cookie, body: draft })
    expect(res.status, res.text).toBe(201)
    expect(res.json.variants).toMatchObject([
      { accountId: null, network: 'mastodon', state: 'draft' },
      { accountId: null, network: 'bluesky', state: 'draft' },
    ])
    expect(res.json.checks).toEqual([
      {
        accountId: null,
        network: 'mastodon',
        problems: [
          '501 of 500 characters: shorten by 1',
          'No Mastodon account chosen yet: pick one to schedule it',
        ],
      },
      {
        accountId: null,
        network: 'bluesky',
        problems: ['No Bluesky account chosen yet: pick one to schedule it'],
      },
    ])
    const read = await t.request('GET', `${posts()}/${res.json.id}`, { cookie: owner.cookie })
    expect(read.json.variants[1]).toMatchObject({ network: 'bluesky', text: 'Short and sweet' })

    const scheduled = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { variants: [{ network: 'bluesky', text: 'now please' }], schedule: { now: true } },
    })
    expect(scheduled.status).toBe(422)
    expect(scheduled.json.errors).toEqual([
      { field: 'variants.0', message: 'No Bluesky account chosen yet: pick one to schedule it' },
    ])
    const rescheduled = await t.request('POST', `${posts()}/${res.json.id}/reschedule`, {
      cookie: owner.cookie,
      body: { now: true },
    })
    expect(rescheduled.status).toBe(422)
    expect(rescheduled.json.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'variants.bluesky',
      'variants.mastodon',
    ])
    const nothing = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { text: 'just an idea', schedule: { now: true } },
    })
    expect(nothing.status).toBe(422)
    expect(nothing.json.errors).toEqual([
      { field: 'variants', message: 'at least one account to schedule it for' },
    ])
    const unknown = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: { variants: [{ network: 'myspace', text: 'hello' }] },
    })
    expect(unknown.status).toBe(422)
    expect(unknown.json.errors[0].message).toMatch(/^Sous does not know the network "myspace"/)
  })

  it('writes a new draft in one statement and answers from what it wrote, reading nothing back', async () => {
    const body = {
      text: 'Counted idea',
      variants: [{ network: 'bluesky', text: 'Counted draft' }],
      topics: ['counting'],
    }
    const statements = countStatements()
    statements.take()
    const res = await t.request('POST', posts(), { cookie: owner.cookie, body })
    const counts = statements.take()
    expect(res.status, res.text).toBe(201)
    expect(res.json).toMatchObject({
      text: 'Counted idea',
      topics: ['counting'],
      variants: [{ network: 'bluesky', text: 'Counted draft', state: 'draft', deliveries: [] }],
    })
    const read = await t.request('GET', `${posts()}/${res.json.id}`, { cookie: owner.cookie })
    const { notice: _, checks: __, ...answered } = res.json
    expect(read.json).toEqual(answered)
    // Authentication (session, membership) aside: the post, its variants, labels and audit
    // row in one statement, and nothing else.
    const own = Object.keys(counts).filter((kind) => !/sessions|memberships/.test(kind))
    expect(own).toEqual(['with insert into posts'])
    const audit = await t.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.targetId, res.json.id))
    expect(audit).toMatchObject([
      {
        action: 'post.saved_draft',
        actorUserId: owner.user.id,
        workspaceId: owner.workspace.id,
        targetType: 'post',
        data: { mode: 'draft', approval: 'not_needed', accounts: [] },
      },
    ])
    expect(Object.values(counts).every((n) => n === 1)).toBe(true)
  })

  it('takes its account once one is connected, and is scheduled then', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        text: 'Opening hours change',
        variants: [{ network: 'mastodon', text: 'We open at 8' }],
      },
    })
    const { accountId } = await connectMastodonAccount(
      t,
      app.fake,
      owner.workspace.id,
      owner.cookie,
      'bakery',
    )
    const at = new Date(Date.now() + 86_400_000).toISOString()
    const put = await t.request('PUT', `${posts()}/${res.json.id}`, {
      cookie: owner.cookie,
      body: {
        text: 'Opening hours change',
        variants: [{ accountId, network: 'mastodon', text: 'We open at 8' }],
        schedule: { at },
      },
    })
    expect(put.status, put.text).toBe(200)
    expect(put.json.variants).toMatchObject([{ accountId, state: 'scheduled' }])
    expect(new Date(put.json.variants[0].dueAt).getTime()).toBe(new Date(at).getTime())

    const wrong = await t.request('PUT', `${posts()}/${res.json.id}`, {
      cookie: owner.cookie,
      body: { variants: [{ accountId, network: 'bluesky', text: 'We open at 8' }] },
    })
    expect(wrong.status).toBe(422)
    expect(wrong.json.errors[0].message).toBe('that account is on mastodon, not bluesky')
  })
})
