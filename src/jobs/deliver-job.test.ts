import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import type { TestApp } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'

let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let account: DeliveringApp['accounts'][string]
const posts = () => `/api/v1/workspaces/${owner.workspace.id}/posts`

beforeAll(async () => {
  app = await startDeliveringApp(['brand'])
  ;({ t, owner } = app)
  account = app.accounts.brand as DeliveringApp['accounts'][string]
})
afterAll(async () => {
  await app?.close()
})

const statusesOf = (fakeUserId: string) => app.published(fakeUserId)

async function settled(postId: string, state: string) {
  return vi.waitFor(
    async () => {
      const res = await t.request('GET', `${posts()}/${postId}`, { cookie: owner.cookie })
      expect(
        res.json.variants.every((v: { deliveries: Array<{ state: string }> }) =>
          v.deliveries.every((d) => d.state === state),
        ),
      ).toBe(true)
      return res.json
    },
    { timeout: 15_000, interval: 100 },
  )
}

describe('delivering a post', () => {
  it('publishes "now" once, and shows where', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'Fresh bread at nine' }],
        schedule: { now: true },
      },
    })
    expect(res.status, res.text).toBe(201)
    expect(res.json.provenance).toBe('live')
    const post = await settled(res.json.id, 'published')
    const variant = post.variants[0]
    expect(variant.uri).toBeTruthy()
    expect(variant.url).toMatch(/^http/)
    const mine = statusesOf(account.user.id).filter((s) => s.text.includes('Fresh bread at nine'))
    expect(mine).toHaveLength(1)
  })

  it('publishes a thread in order, each segment replying to the one before', async () => {
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [
          {
            accountId: account.accountId,
            text: 'Thread 1/3',
            thread: [{ text: 'Thread 2/3' }, { text: 'Thread 3/3' }],
          },
        ],
        schedule: { now: true },
      },
    })
    expect(res.status, res.text).toBe(201)
    const post = await settled(res.json.id, 'published')
    const uris = post.variants[0].deliveries.map((d: { uri: string }) => d.uri)
    const [first, second, third] = uris.map((uri: string) => app.fake.state.statuses.get(uri))
    expect(first?.text).toContain('Thread 1/3')
    expect(second?.inReplyToId).toBe(first?.id)
    expect(third?.inReplyToId).toBe(second?.id)
  })

  it('refuses what cannot go, per variant, and schedules nothing', async () => {
    const before = statusesOf(account.user.id).length
    const tooLong = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'x'.repeat(501) }],
        schedule: { now: true },
      },
    })
    expect(tooLong.status).toBe(422)
    expect(tooLong.json.errors).toEqual([
      { field: 'variants.0', message: '501 of 500 characters: shorten by 1' },
    ])
    const past = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'late' }],
        schedule: { at: '2020-01-01T00:00:00Z' },
      },
    })
    expect(past.status).toBe(422)
    expect(past.json.errors).toContainEqual({
      field: 'schedule.at',
      message: 'that time has passed',
    })
    const noSlots = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'queued' }],
        schedule: { slot: true },
      },
    })
    expect(noSlots.status).toBe(422)
    expect(noSlots.json.errors[0].message).toMatch(/no queue slots/)
    expect(statusesOf(account.user.id)).toHaveLength(before)
  })

  it('with the brake on, a due post waits for review instead of going out', async () => {
    const brake = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'Sad news today' },
    })
    const before = statusesOf(account.user.id).length
    const res = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'Cheerful promo!' }],
        schedule: { now: true },
      },
    })
    const post = await settled(res.json.id, 'needs_review')
    expect(post.variants[0].error).toMatch(/brake was on: Sad news today/)
    await t.request('DELETE', `/api/v1/brake/${brake.json.id}`, { cookie: owner.cookie })
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(statusesOf(account.user.id)).toHaveLength(before)

    // Releasing sent nothing; a person decides: publish it now after all.
    const review = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/review`, {
      cookie: owner.cookie,
    })
    const entry = review.json.items.find((e: { postId: string }) => e.postId === res.json.id)
    expect(entry).toMatchObject({ state: 'needs_review', text: 'Cheerful promo!' })
    const decided = await t.request(
      'POST',
      `/api/v1/workspaces/${owner.workspace.id}/review/${entry.deliveryId}`,
      {
        cookie: owner.cookie,
        body: { action: 'publish_now' },
      },
    )
    expect(decided.status).toBe(204)
    await settled(res.json.id, 'published')
    expect(
      statusesOf(account.user.id).filter((s) => s.text.includes('Cheerful promo!')),
    ).toHaveLength(1)
  })

  it('a contributor’s post waits for approval and never goes out unapproved', async () => {
    const contributor = await t.member(owner.workspace.id, 'contributor')
    const res = await t.request('POST', posts(), {
      cookie: contributor.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'Draft by a contributor' }],
        schedule: { now: true },
      },
    })
    expect(res.status).toBe(201)
    expect(res.json.approval).toBe('pending')
    const post = await settled(res.json.id, 'needs_review')
    expect(post.variants[0].error).toMatch(/before anyone approved/)
    expect(statusesOf(account.user.id).some((s) => s.text.includes('Draft by a contributor'))).toBe(
      false,
    )
    // A contributor cannot decide it; an editor discards it.
    const deliveryId = post.variants[0].deliveries[0].id
    const path = `/api/v1/workspaces/${owner.workspace.id}/review/${deliveryId}`
    const byContributor = await t.request('POST', path, {
      cookie: contributor.cookie,
      body: { action: 'publish_now' },
    })
    expect(byContributor.status).toBe(403)
    const editor = await t.member(owner.workspace.id, 'editor')
    expect(
      (await t.request('POST', path, { cookie: editor.cookie, body: { action: 'discard' } }))
        .status,
    ).toBe(204)
    await settled(res.json.id, 'failed')
  })

  it('places a post into the account’s next free queue slot', async () => {
    const queue = await t.request(
      'PUT',
      `/api/v1/workspaces/${owner.workspace.id}/accounts/${account.accountId}/queue`,
      {
        cookie: owner.cookie,
        body: {
          timeZone: 'Europe/Berlin',
          slots: [1, 2, 3, 4, 5].flatMap((weekday) => [
            { weekday, time: '09:30' },
            { weekday, time: '15:00' },
          ]),
        },
      },
    )
    expect(queue.status, queue.text).toBe(200)
    const [first, second] = queue.json.upcoming
    const one = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'Queued one' }],
        schedule: { slot: true },
      },
    })
    const two = await t.request('POST', posts(), {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId: account.accountId, text: 'Queued two' }],
        schedule: { slot: true },
      },
    })
    expect(one.json.provenance).toBe('scheduled')
    expect(one.json.variants[0].deliveries[0].dueAt).toBe(first.at)
    expect(two.json.variants[0].deliveries[0].dueAt).toBe(second.at)
    const badZone = await t.request(
      'PUT',
      `/api/v1/workspaces/${owner.workspace.id}/accounts/${account.accountId}/queue`,
      {
        cookie: owner.cookie,
        body: { timeZone: 'Mars/Olympus', slots: [] },
      },
    )
    expect(badZone.status).toBe(422)
  })

  it('measures the organic balance from what was published', async () => {
    const res = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/balance`, {
      cookie: owner.cookie,
    })
    expect(res.status).toBe(200)
    const mine = res.json.items.find(
      (i: { accountId: string }) => i.accountId === account.accountId,
    )
    // Published so far here: two posts written live ("now") and the brake test's promo, also live.
    expect(mine.days7).toMatchObject({ live: 3, scheduled: 0, broadcastShare: 0, warning: null })
  })

  it('shows everything due in a range on the calendar, in time order', async () => {
    const from = new Date(Date.now() - 60 * 60_000).toISOString()
    const to = new Date(Date.now() + 60 * 60_000).toISOString()
    const res = await t.request(
      'GET',
      `/api/v1/workspaces/${owner.workspace.id}/calendar?from=${from}&to=${to}`,
      {
        cookie: owner.cookie,
      },
    )
    expect(res.status).toBe(200)
    const texts = res.json.items.map((e: { text: string }) => e.text)
    expect(texts).toEqual(
      expect.arrayContaining(['Fresh bread at nine', 'Thread 2/3', 'Cheerful promo!']),
    )
    const times = res.json.items.map((e: { dueAt: string }) => Date.parse(e.dueAt))
    expect([...times].sort((a, b) => a - b)).toEqual(times)
  })
})
