import { and, eq } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { type PeopleApp, startPeopleApp } from '../../../test/people-app.ts'
import { createDeliverJob } from '../../jobs/deliver-job.ts'
import { startWorker } from '../../queue/worker.ts'
import { auditLog, posts } from '../../store/schema/index.ts'

// Review of new followers and their decisions, through the API, on the Mastodon CONTRACT FAKE.
let p: PeopleApp
beforeEach(async () => {
  p = await startPeopleApp()
})
afterEach(async () => {
  await p?.close()
})

const auditOf = (action: string) =>
  p.t.database.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, p.owner.workspace.id), eq(auditLog.action, action)))

describe('new followers', () => {
  it('shows who followed after the first sync as cards with context, not those from before', async () => {
    p.newFollower('oldfan', { displayName: 'Old Fan' })
    await p.syncBoth()
    const fan = p.newFollower('newfan', { displayName: 'New Fan', note: 'I bake sourdough' })
    p.fake.actor(fan).post('crumb shot')
    await p.syncBoth()

    const queue = await p.get(`${p.account}/followers?status=new`)
    expect(queue.status, queue.text).toBe(200)
    expect(queue.json.next).toBeNull()
    expect(queue.json.items).toHaveLength(1)
    const card = queue.json.items[0]
    expect(card).toMatchObject({
      id: fan.id,
      handle: expect.stringMatching(/^newfan@/),
      displayName: 'New Fan',
      bio: 'I bake sourdough',
      url: expect.stringContaining('newfan'),
      accountAgeDays: 0,
      posts: 1,
      followers: 0,
      following: 1,
      lastPostAt: expect.any(String),
      activity: { state: 'active', days: expect.any(Number) },
      contextPending: false,
      followsYou: true,
      youFollow: false,
      review: 'new',
      talked: { ever: false, messages: 0 },
      note: { mention: expect.stringMatching(/^@newfan@/), directMessage: true },
    })
    // A brand-new account (Mastodon rounds creation to midnight): the reason says so.
    expect(card.spam).toMatchObject({
      level: 'some',
      summary: expect.stringMatching(/^account \d+ (hours?|minutes?) old$/),
      signals: [{ code: 'new_account', reason: card.spam.summary }],
    })

    const all = await p.get(`${p.account}/followers?status=all`)
    expect(all.json.items.map((c: { displayName: string }) => c.displayName)).toEqual([
      'New Fan',
      'Old Fan',
    ])
    expect(all.json.items[1].review).toBe('known')

    const summary = await p.get(`${p.ws}/people`)
    expect(summary.json.items).toEqual([
      expect.objectContaining({
        accountId: p.me.accountId,
        followers: 2,
        newFollowers: 1,
        following: 0,
        sync: {
          followers: expect.objectContaining({ state: 'idle', kind: 'incremental', added: 1 }),
          follows: expect.objectContaining({ state: 'idle' }),
        },
      }),
    ])
  })

  it('pages the queue with next passed back as before', async () => {
    await p.syncBoth()
    for (let i = 0; i < 5; i++) p.newFollower(`fan${i}`)
    await p.syncBoth()
    const seen: string[] = []
    let before: string | null = null
    do {
      const query: string = before ? `&before=${encodeURIComponent(before)}` : ''
      const page = await p.get(`${p.account}/followers?status=new&limit=2${query}`)
      expect(page.status, page.text).toBe(200)
      seen.push(...page.json.items.map((c: { handle: string }) => c.handle.split('@')[0]))
      before = page.json.next
    } while (before)
    expect(seen).toEqual(['fan4', 'fan3', 'fan2', 'fan1', 'fan0'])
    const bad = await p.get(`${p.account}/followers?before=garbage`)
    expect(bad.status).toBe(422)
  })

  it('follows back one person: the network has the follow, the card is decided, the act is audited', async () => {
    await p.syncBoth()
    const fan = p.newFollower('fan')
    await p.syncBoth()

    const res = await p.post(`${p.account}/follow`, { profileId: fan.id })
    expect(res.status, res.text).toBe(200)
    expect(res.json.person).toMatchObject({ id: fan.id, youFollow: true, review: 'followed_back' })
    expect(p.fake.state.isFollowing(p.me.user.id, fan.id)).toBe(true)
    expect((await p.get(`${p.account}/followers?status=new`)).json.items).toEqual([])
    const [entry] = await auditOf('person.followed')
    expect(entry).toMatchObject({
      actorUserId: p.owner.user.id,
      targetType: 'profile',
      targetId: fan.id,
      data: expect.objectContaining({ accountId: p.me.accountId, followedBack: true }),
    })

    const again = await p.post(`${p.account}/follow`, { profileId: fan.id })
    expect(again.status).toBe(409)
    expect(again.json.detail).toMatch(/already follows @fan@/)
    expect(await auditOf('person.followed')).toHaveLength(1)
  })

  it('dismisses a follower for good: unfollowing and following again does not bring them back', async () => {
    await p.syncBoth()
    const fan = p.newFollower('fan')
    await p.syncBoth()
    const res = await p.post(`${p.account}/followers/${fan.id}/dismiss`)
    expect(res.status, res.text).toBe(200)
    expect(res.json.person.review).toBe('dismissed')
    expect(p.fake.state.isFollowing(p.me.user.id, fan.id)).toBe(false)
    expect((await auditOf('follower.dismissed'))[0]?.actorUserId).toBe(p.owner.user.id)

    p.fake.actor(fan).unfollow(p.me.user)
    await p.sync('followers', { kind: 'full' })
    expect((await p.get(`${p.ws}/people`)).json.items[0]).toMatchObject({ followers: 0 })
    p.fake.actor(fan).follow(p.me.user)
    await p.sync('followers', { kind: 'full' })
    expect((await p.get(`${p.account}/followers?status=new`)).json.items).toEqual([])
    const all = await p.get(`${p.account}/followers?status=all`)
    expect(all.json.items).toEqual([expect.objectContaining({ id: fan.id, review: 'dismissed' })])
    expect((await p.post(`${p.account}/followers/${fan.id}/dismiss`)).status).toBe(200)
    expect(await auditOf('follower.dismissed')).toHaveLength(1)
    expect((await p.post(`${p.account}/followers/nobody/dismiss`)).status).toBe(404)
  })

  it('refuses a list of profiles: one person per request', async () => {
    await p.syncBoth()
    const a = p.newFollower('fana')
    const b = p.newFollower('fanb')
    await p.syncBoth()
    for (const body of [{ profileId: [a.id, b.id] }, { profileIds: [a.id, b.id] }, {}]) {
      for (const action of ['follow', 'unfollow']) {
        const res = await p.post(`${p.account}/${action}`, body)
        expect(res.status, JSON.stringify(body)).toBe(400)
      }
    }
    const listed = await p.post(`${p.account}/follow`, { profileId: [a.id, b.id] })
    expect(listed.json.errors[0].message).toMatch(/One person at a time/)
    expect(p.fake.state.isFollowing(p.me.user.id, a.id)).toBe(false)
    expect(p.fake.state.isFollowing(p.me.user.id, b.id)).toBe(false)
  })

  it('refuses to follow a profile deleted since the sync, sends nothing, and drops its card', async () => {
    await p.syncBoth()
    const fan = p.newFollower('vanishing')
    await p.syncBoth()
    p.fake.state.accounts.delete(fan.id)
    const res = await p.post(`${p.account}/follow`, { profileId: fan.id })
    expect(res.status, res.text).toBe(422)
    expect(res.json.detail).toMatch(/no longer exists on Mastodon \(deleted or suspended\)/)
    expect(p.fake.state.follows.some((f) => f.targetId === fan.id)).toBe(false)
    expect((await p.get(`${p.account}/followers?status=new`)).json.items).toEqual([])
    expect(await auditOf('person.followed')).toEqual([])
  })

  it('lets an analyst read the queue but not act on it', async () => {
    await p.syncBoth()
    const fan = p.newFollower('fan')
    await p.syncBoth()
    const analyst = await p.t.member(p.owner.workspace.id, 'analyst')
    expect((await p.get(`${p.account}/followers`, analyst.cookie)).status).toBe(200)
    const res = await p.post(`${p.account}/follow`, { profileId: fan.id }, analyst.cookie)
    expect(res.status).toBe(403)
    expect(
      (await p.post(`${p.account}/followers/${fan.id}/dismiss`, {}, analyst.cookie)).status,
    ).toBe(403)
    const editor = await p.t.member(p.owner.workspace.id, 'editor')
    expect((await p.post(`${p.account}/follow`, { profileId: fan.id }, editor.cookie)).status).toBe(
      200,
    )
  })

  it('sends a personal note the person wrote, live and once; a form letter is refused until acknowledged', async () => {
    await p.syncBoth()
    const fans = ['ada', 'bob', 'cy', 'dee'].map((name) => p.newFollower(name))
    await p.syncBoth()
    const worker = await startWorker({
      database: p.t.database,
      definitions: [createDeliverJob(p.deps)],
    })
    try {
      const note = (i: number, text: string, extra = {}) =>
        p.post(`${p.account}/people/${fans[i]?.id}/note`, { text, ...extra })
      const unnamed = await note(0, 'Thanks for the follow!')
      expect(unnamed.status).toBe(422)
      expect(unnamed.json.detail).toMatch(/only if it mentions them/)

      const first = await note(0, '@ada your rye post made my day, thanks for following')
      expect(first.status, first.text).toBe(201)
      const [post] = await p.t.database.db
        .select()
        .from(posts)
        .where(eq(posts.id, first.json.postId))
      expect(post).toMatchObject({ provenance: 'live', createdBy: p.owner.user.id })
      await vi.waitFor(() => expect(p.fake.state.statuses.size).toBe(1), { timeout: 10_000 })
      expect([...p.fake.state.statuses.values()][0]?.text).toContain('your rye post made my day')

      for (const [i, name] of [
        [1, 'bob'],
        [2, 'cy'],
      ] as const) {
        expect((await note(i, `@${name} Welcome aboard, great to have you here!`)).status).toBe(201)
      }
      expect((await note(0, '@ada Welcome aboard, great to have you here!')).status).toBe(201)
      const canned = await note(3, '@dee welcome aboard — great to have you here')
      expect(canned.status).toBe(409)
      expect(canned.json.detail).toMatch(
        /reads like a form letter: nearly the same went to 3 other people/,
      )
      const anyway = await note(3, '@dee welcome aboard — great to have you here', {
        acknowledgeFormLetter: true,
      })
      expect(anyway.status).toBe(201)
      expect((await auditOf('person.noted')).at(-1)?.data).toMatchObject({
        formLetterAcknowledged: 3,
      })
    } finally {
      await worker.stop(2_000)
    }
  })
})
