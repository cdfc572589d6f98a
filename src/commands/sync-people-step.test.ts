import { and, eq, sql } from 'drizzle-orm'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type PeopleApp, startPeopleApp } from '../../test/people-app.ts'
import { openCredentials } from '../security/seal-credentials.ts'
import { accounts, jobs, peopleSyncs } from '../store/schema/index.ts'
import { SYNC_STALLED_AFTER_MS, startPeopleSync } from './start-people-sync.ts'

// Syncing followers and follows from the Mastodon CONTRACT FAKE, step by step as the job
// chain runs it, stopped between steps where a crash would stop it.
let p: PeopleApp
beforeEach(async () => {
  p = await startPeopleApp()
})
afterEach(async () => {
  await p?.close()
})

const syncRow = async (list: 'followers' | 'follows' = 'followers') => {
  const [row] = await p.t.database.db
    .select()
    .from(peopleSyncs)
    .where(and(eq(peopleSyncs.accountId, p.me.accountId), eq(peopleSyncs.list, list)))
  return row
}
const tokenSousHolds = async () => {
  const [row] = await p.t.database.db.select().from(accounts).where(eq(accounts.id, p.me.accountId))
  if (!row) throw new Error('no account')
  const scope = { workspaceId: row.workspaceId, accountId: row.id }
  return openCredentials<{ accessToken: string }>(TEST_SECRET, scope, row.credentials).accessToken
}
const storedFollowers = async () => {
  const { rows } = await p.t.database.db.execute<{ n: number; distinct_ids: number }>(sql`
    select count(*)::int as n, count(distinct profile_id)::int as distinct_ids
    from account_people where account_id = ${p.me.accountId} and follows_us`)
  return rows[0]
}

describe('syncing people', () => {
  it('lists every follower page by page, with progress against the account’s own count', async () => {
    for (let i = 0; i < 90; i++) p.newFollower(`fan${i}`)
    await p.sync('followers')
    expect(await syncRow()).toMatchObject({
      state: 'idle',
      kind: 'full',
      listed: 90,
      expected: 90,
      added: 90,
      removed: 0,
    })
    // Two list pages (80 + 10) and the account's own profile.
    expect((await syncRow())?.requests).toBe(4)
    expect(await storedFollowers()).toEqual({ n: 90, distinct_ids: 90 })
  })

  it('resumes a crashed pass at the page it stood on, with nothing lost or doubled', async () => {
    for (let i = 0; i < 90; i++) p.newFollower(`fan${i}`)
    // One page, then the process dies: its next step was never enqueued.
    const stopped = await p.sync('followers', { stopAfter: 1, step: { requestsPerStep: 1 } })
    expect(await syncRow()).toMatchObject({ state: 'listing', listed: 80 })
    expect(stopped).toMatchObject({ step: 1 })
    // The planner finds the pass stalled and enqueues its step again.
    const later = new Date(Date.now() + SYNC_STALLED_AFTER_MS + 1_000)
    const resumed = await startPeopleSync(p.t.database, {
      accountId: p.me.accountId,
      list: 'followers',
      now: later,
    })
    expect(resumed).toMatchObject({ outcome: 'resumed', step: 1 })
    const queued = await p.t.database.db.select().from(jobs).where(eq(jobs.name, 'sync-people'))
    expect(queued.map((j) => j.payload)).toContainEqual(
      expect.objectContaining({ step: 1, pass: resumed.pass }),
    )
    // A stale copy of the step already done ends without reading anything.
    const requests = p.fake.requests.length
    expect(await p.runSteps({ list: 'followers', pass: resumed.pass, step: 0 })).toEqual({
      done: 'stale',
    })
    expect(p.fake.requests.length).toBe(requests)
    await p.runSteps({ list: 'followers', pass: resumed.pass, step: 1 })
    expect(await syncRow()).toMatchObject({ state: 'idle', listed: 90, added: 90 })
    expect(await storedFollowers()).toEqual({ n: 90, distinct_ids: 90 })
  })

  it('finds new followers incrementally and unfollows on the daily full pass', async () => {
    const leaving = p.newFollower('leaving')
    for (let i = 0; i < 85; i++) p.newFollower(`old${i}`)
    await p.sync('followers')
    p.newFollower('newcomer')
    const before = p.fake.requests.length
    await p.sync('followers', { kind: 'incremental' })
    // The first page brought someone new, the second none: it stops there.
    expect(await syncRow()).toMatchObject({ kind: 'incremental', added: 1, removed: 0 })
    expect(p.fake.requests.length - before).toBeLessThanOrEqual(4)
    const queue = await p.get(`${p.account}/followers?status=new`)
    expect(queue.json.items.map((c: { handle: string }) => c.handle.split('@')[0])).toEqual([
      'newcomer',
    ])

    p.fake.actor(leaving).unfollow(p.me.user)
    await p.sync('followers', { kind: 'incremental' })
    expect((await p.get(`${p.ws}/people`)).json.items[0].followers).toBe(87)
    await p.sync('followers', { kind: 'full' })
    expect(await syncRow()).toMatchObject({ kind: 'full', removed: 1, listed: 86 })
    expect((await p.get(`${p.ws}/people`)).json.items[0].followers).toBe(86)
  })

  it('pauses when the credentials expire mid-sync: needs attention, nothing lost, resumes after reconnecting', async () => {
    for (let i = 0; i < 90; i++) p.newFollower(`fan${i}`)
    const stopped = await p.sync('followers', { stopAfter: 1, step: { requestsPerStep: 1 } })
    p.fake.revokeToken(await tokenSousHolds())
    expect(await p.runSteps({ list: 'followers', pass: 1, step: 1 })).toEqual({ done: 'paused' })
    expect(stopped).toMatchObject({ step: 1 })
    const [account] = await p.t.database.db
      .select()
      .from(accounts)
      .where(eq(accounts.id, p.me.accountId))
    expect(account?.state).toBe('needs_attention')
    const summary = (await p.get(`${p.ws}/people`)).json.items[0]
    expect(summary.sync.followers).toMatchObject({
      state: 'paused',
      listed: 80,
      reason: expect.any(String),
    })
    expect(summary.followers).toBe(80)

    // Reconnecting (the same person on the same instance) brings the account back.
    const start = await p.post(`${p.ws}/accounts/mastodon`, { instance: p.fake.url })
    p.fake.signIn(p.me.user)
    const approved = await fetch(start.json.authorizeUrl, { redirect: 'manual' })
    const callback = new URL(approved.headers.get('location') ?? '')
    expect((await p.t.request('GET', `${callback.pathname}${callback.search}`)).status).toBe(200)
    const resumed = await startPeopleSync(p.t.database, {
      accountId: p.me.accountId,
      list: 'followers',
    })
    expect(resumed).toMatchObject({ outcome: 'resumed', step: 1 })
    await p.runSteps({ list: 'followers', pass: resumed.pass, step: resumed.step })
    expect(await syncRow()).toMatchObject({ state: 'idle', listed: 90, pausedReason: null })
    expect(await storedFollowers()).toEqual({ n: 90, distinct_ids: 90 })
  })

  it('runs as jobs: the sync endpoint starts both lists, a second call collides', async () => {
    const first = await p.post(`${p.account}/people/sync`)
    expect(first.status, first.text).toBe(202)
    expect(first.json.sync.followers).toMatchObject({ state: 'listing', kind: 'full' })
    const second = await p.post(`${p.account}/people/sync`)
    expect(second.status).toBe(202)
    const queued = await p.t.database.db.select().from(jobs).where(eq(jobs.name, 'sync-people'))
    expect(queued).toHaveLength(2)
  })
})
