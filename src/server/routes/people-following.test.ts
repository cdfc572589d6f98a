import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { type PeopleApp, startPeopleApp } from '../../../test/people-app.ts'
import { ingestInboxEvents } from '../../commands/ingest-inbox-events.ts'
import { DAY_MS } from '../../core/people/profile-facts.ts'
import { peopleActions } from '../../store/schema/index.ts'

// Tidying whom an account follows, one confirmed unfollow at a time, at a person's pace.
let p: PeopleApp
let clock = Date.now()
beforeEach(async () => {
  clock = Date.now()
  p = await startPeopleApp({ now: () => clock })
})
afterEach(async () => {
  await p?.close()
})

const handles = (res: { json: { items: Array<{ handle: string }> } }) =>
  res.json.items.map((c) => c.handle.split('@')[0]).sort()

describe('following', () => {
  it('filters whom the account follows: silent for 90 days, never talked, not following back', async () => {
    // Written 120 days ago, then nothing: silent.
    clock = Date.now() - 120 * DAY_MS
    const quiet = p.fake.createUser('quiet')
    p.fake.actor(quiet).post('one post, long ago')
    clock = Date.now()
    const chatty = p.fake.createUser('chatty')
    p.fake.actor(chatty).post('hello')
    const mutual = p.fake.createUser('mutual')
    p.fake.actor(mutual).post('hi')
    p.fake.actor(mutual).follow(p.me.user)
    const me = p.fake.actor(p.me.user)
    for (const person of [quiet, chatty, mutual]) me.follow(person)
    // chatty wrote to the account once: the inbox has it.
    await ingestInboxEvents(
      p.t.database,
      { id: p.me.accountId, workspaceId: p.owner.workspace.id, network: 'mastodon' },
      [
        {
          id: 'n1',
          kind: 'mention',
          author: {
            id: chatty.id,
            handle: `chatty@${new URL(p.fake.url).host}`,
            displayName: 'chatty',
            bio: '',
          },
          createdAt: new Date().toISOString(),
          text: '@bakery is the rye in today?',
        },
      ],
    )
    await p.syncBoth()

    const all = await p.get(`${p.account}/following`)
    expect(all.status, all.text).toBe(200)
    expect(handles(all)).toEqual(['chatty', 'mutual', 'quiet'])
    expect(handles(await p.get(`${p.account}/following?filter=inactive`))).toEqual(['quiet'])
    expect(handles(await p.get(`${p.account}/following?filter=not-following-back`))).toEqual([
      'chatty',
      'quiet',
    ])
    expect(handles(await p.get(`${p.account}/following?filter=no-interaction`))).toEqual([
      'mutual',
      'quiet',
    ])
    const card = all.json.items.find((c: { handle: string }) => c.handle.startsWith('chatty@'))
    expect(card.talked).toMatchObject({ ever: true, messages: 1, networks: ['mastodon'] })
    const silent = all.json.items.find((c: { handle: string }) => c.handle.startsWith('quiet@'))
    expect(silent.activity).toEqual({ state: 'silent', days: expect.any(Number) })
    expect(silent.activity.days).toBeGreaterThanOrEqual(119)
    expect((await p.get(`${p.account}/following?filter=everyone`)).status).toBe(400)
  })

  it('pages whom the account follows, filtered or not: next goes back as before, nobody twice', async () => {
    const me = p.fake.actor(p.me.user)
    for (let i = 0; i < 5; i++) me.follow(p.fake.createUser(`baker${i}`))
    await p.syncBoth()
    for (const filter of ['', '&filter=not-following-back']) {
      const seen: string[] = []
      let before: string | null = null
      do {
        const query = `limit=2${filter}${before ? `&before=${encodeURIComponent(before)}` : ''}`
        const page = await p.get(`${p.account}/following?${query}`)
        expect(page.status, page.text).toBe(200)
        expect(page.json.items.length).toBeLessThanOrEqual(2)
        seen.push(...page.json.items.map((c: { handle: string }) => c.handle.split('@')[0]))
        before = page.json.next
      } while (before)
      expect(seen.sort()).toEqual(['baker0', 'baker1', 'baker2', 'baker3', 'baker4'])
    }
  })

  it('unfollows one confirmed person, audited; refuses someone not followed', async () => {
    const idol = p.fake.createUser('idol')
    p.fake.actor(p.me.user).follow(idol)
    await p.syncBoth()
    const res = await p.post(`${p.account}/unfollow`, { profileId: idol.id })
    expect(res.status, res.text).toBe(200)
    expect(res.json.person).toMatchObject({ id: idol.id, youFollow: false })
    expect(p.fake.state.isFollowing(p.me.user.id, idol.id)).toBe(false)
    expect((await p.get(`${p.account}/following`)).json.items).toEqual([])
    const audit = await p.get(`${p.ws}/audit`)
    expect(audit.json.items[0]).toMatchObject({ action: 'person.unfollowed', targetId: idol.id })

    const stranger = p.fake.createUser('stranger')
    clock = Date.now() + 10_000
    const refused = await p.post(`${p.account}/unfollow`, { profileId: stranger.id })
    expect(refused.status).toBe(409)
    expect(refused.json.detail).toMatch(/does not follow/)
  })

  it('keeps a person to one act every few seconds, saying how long to wait', async () => {
    await p.syncBoth()
    const a = p.newFollower('fana')
    const b = p.newFollower('fanb')
    await p.syncBoth()
    expect((await p.post(`${p.account}/follow`, { profileId: a.id })).status).toBe(200)
    const quick = await p.post(`${p.account}/follow`, { profileId: b.id })
    expect(quick.status).toBe(429)
    expect(quick.headers.get('retry-after')).toMatch(/^[1-5]$/)
    expect(quick.json.detail).toMatch(
      /One person at a time: your last follow or unfollow was \d s ago/,
    )
    expect(p.fake.state.isFollowing(p.me.user.id, b.id)).toBe(false)
  })

  it("stops at the account's daily cap with a clear message, whoever asks", async () => {
    await p.syncBoth()
    const fan = p.newFollower('fan')
    await p.syncBoth()
    const hourAgo = new Date(Date.now() - 60 * 60_000)
    await p.t.database.db.insert(peopleActions).values(
      Array.from({ length: 100 }, (_, i) => ({
        accountId: p.me.accountId,
        profileId: `someone-${i}`,
        action: 'follow' as const,
        requestedBy: p.owner.user.id,
        state: 'done' as const,
        createdAt: hourAgo,
      })),
    )
    const editor = await p.t.member(p.owner.workspace.id, 'editor')
    const res = await p.post(`${p.account}/follow`, { profileId: fan.id }, editor.cookie)
    expect(res.status).toBe(429)
    expect(res.json.detail).toMatch(/followed or unfollowed 100 people in the last 24 hours/)
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(22 * 3600)
    expect(p.fake.state.isFollowing(p.me.user.id, fan.id)).toBe(false)
  })
})
