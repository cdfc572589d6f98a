import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { ingestInboxEvents } from '../../commands/ingest-inbox-events.ts'
import { takeSnapshots } from '../../commands/take-snapshots.ts'
import { createNetworkRegistry } from '../../networks/registry.ts'
import { refreshMeasureUnits } from '../../store/refresh-measure-units.ts'

// Campaigns, labels, click tracking and Measure through the API, with a real worker
// publishing to the Mastodon CONTRACT FAKE and people acting on the fake.
let d: DeliveringApp
const ws = () => `/api/v1/workspaces/${d.owner.workspace.id}`
const req = (method: string, path: string, body?: unknown) =>
  d.t.request(method, `${ws()}${path}`, { cookie: d.owner.cookie, ...(body ? { body } : {}) })
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

beforeAll(async () => {
  d = await startDeliveringApp(['baker'])
})
afterAll(async () => {
  await d?.close()
})

async function publish(body: Record<string, unknown>) {
  const res = await req('POST', '/posts', { ...body, schedule: { now: true } })
  expect(res.status, res.text).toBe(201)
  return vi.waitFor(
    async () => {
      const post = await req('GET', `/posts/${res.json.id}`)
      expect(post.json.variants[0].state).toBe('published')
      return post.json
    },
    { timeout: 15_000, interval: 100 },
  )
}

describe('campaigns', () => {
  it('creates, lists, changes and refuses a campaign ending before it starts', async () => {
    const created = await req('POST', '/campaigns', {
      name: 'Spring Bake-Off',
      goal: 'Get people talking about rye',
      startsAt: '2026-03-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
      colour: '#c46210',
    })
    expect(created.status, created.text).toBe(201)
    expect(created.json).toMatchObject({ utmCampaign: 'spring-bake-off', colour: '#c46210' })
    const changed = await req('PATCH', `/campaigns/${created.json.id}`, { goal: 'More rye talk' })
    expect(changed.json).toMatchObject({ goal: 'More rye talk', name: 'Spring Bake-Off' })
    const list = await req('GET', '/campaigns')
    expect(list.json.items.map((c: { id: string }) => c.id)).toContain(created.json.id)
    const backwards = await req('POST', '/campaigns', {
      name: 'Backwards',
      startsAt: '2026-05-01T00:00:00Z',
      endsAt: '2026-04-01T00:00:00Z',
      colour: '#000000',
    })
    expect(backwards.status).toBe(422)
    const analyst = await d.t.member(d.owner.workspace.id, 'analyst')
    const refused = await d.t.request('POST', `${ws()}/campaigns`, {
      cookie: analyst.cookie,
      body: {
        name: 'Mine',
        startsAt: '2026-05-01T00:00:00Z',
        endsAt: '2026-06-01T00:00:00Z',
        colour: '#000000',
      },
    })
    expect(refused.status).toBe(403)
  })
})

describe('labels and click tracking', () => {
  it('puts a post in a campaign with topics and an approach, and reads them back', async () => {
    const campaign = await req('POST', '/campaigns', {
      name: 'Rye week',
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      colour: '#336699',
    })
    const saved = await req('POST', '/posts', {
      text: 'idea',
      campaignId: campaign.json.id,
      topics: ['#Rye', 'rye', 'Sourdough'],
      approach: 'question',
    })
    expect(saved.status, saved.text).toBe(201)
    expect(saved.json).toMatchObject({
      campaignId: campaign.json.id,
      topics: ['rye', 'sourdough'],
      approach: 'question',
      clickTracking: false,
    })
    const elsewhere = await req('POST', '/posts', {
      text: 'x',
      campaignId: '00000000-0000-4000-8000-000000000000',
    })
    expect(elsewhere.status).toBe(422)
  })

  it('sends short links to the network, redirects with UTM tags, and counts people apart from bots', async () => {
    const post = await publish({
      variants: [
        {
          accountId: d.accounts.baker?.accountId,
          text: 'Our rye guide: https://bakery.example/rye?lang=en',
        },
      ],
      clickTracking: true,
    })
    const [status] = d.published(d.accounts.baker?.user.id ?? '', 'rye guide')
    const short = status?.text.match(/http:\/\/sous\.test\/l\/([A-Za-z0-9]+)/)
    expect(short, status?.text).toBeTruthy()
    const code = short?.[1] ?? ''
    const click = (userAgent: string, ip = '198.51.100.7') =>
      d.t.request('GET', `/l/${code}`, { headers: { 'user-agent': userAgent }, ip })
    const first = await click(BROWSER)
    expect(first.status).toBe(302)
    const target = new URL(first.headers.get('location') ?? '')
    expect(target.origin + target.pathname).toBe('https://bakery.example/rye')
    expect(Object.fromEntries(target.searchParams)).toMatchObject({
      lang: 'en',
      utm_source: 'mastodon',
      utm_medium: 'social',
      utm_campaign: 'sous',
      utm_content: post.id,
    })
    for (let i = 0; i < 20; i++) await click(BROWSER)
    await click(BROWSER, '203.0.113.50')
    for (let i = 0; i < 50; i++)
      await click('http.rb/5.2.0 (Mastodon/4.3.0; +https://mastodon.social/)')
    await click('Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)')

    const missing = await d.t.request('GET', '/l/doesNotExist1')
    expect(missing.status).toBe(404)
    expect(missing.headers.get('content-type')).toMatch(/text\/html/)
    expect(missing.text).toMatch(/This link does not exist/)

    await takeSnapshots(d.t.database.db, TEST_SECRET, createNetworkRegistry(d.t.config), {
      deliveryIds: post.variants[0].deliveries.map((x: { id: string }) => x.id),
      mode: 'now',
    })
    await vi.waitFor(
      async () => {
        const measured = await req('GET', '/measure?by=network&metric=clicks')
        expect(measured.json.totals).toMatchObject({ visitors: 2, botClicks: 51 })
        // 22 requests from two people: a flood from one counts 3 a day.
        expect(measured.json.totals.clicks).toBe(4)
      },
      { timeout: 12_000, interval: 250 },
    )
    // Clicks after the snapshot reach Measure by themselves, added to the post's Measure rows:
    // a new visitor, a visitor already at 3 for the day, a card fetcher.
    await click(BROWSER, '192.0.2.80')
    await click(BROWSER)
    await click('Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)')
    const after = { visitors: 3, clicks: 5, botClicks: 52 }
    await vi.waitFor(
      async () => {
        const measured = await req('GET', '/measure?by=topic&metric=clicks')
        expect(measured.json.totals).toMatchObject(after)
        expect((await req('GET', '/measure?by=account&metric=clicks')).json.totals).toMatchObject(
          after,
        )
      },
      // The clicks are written every 5 s (record-clicks.ts).
      { timeout: 12_000, interval: 250 },
    )
    // What was added is what a rewrite from the clicks themselves gives.
    await refreshMeasureUnits(d.t.database.db, [post.id])
    for (const by of ['topic', 'account'])
      expect((await req('GET', `/measure?by=${by}&metric=clicks`)).json.totals).toMatchObject(after)
  })
})

describe('measure', () => {
  it('reports engagement from snapshots, says "not enough posts yet", and exports CSV', async () => {
    const post = await publish({
      variants: [{ accountId: d.accounts.baker?.accountId, text: 'What do you put on rye toast?' }],
      topics: ['toast'],
      approach: 'question',
    })
    const fan = d.fake.createUser('fan')
    const actor = d.fake.actor(fan)
    const id =
      (d.published(d.accounts.baker?.user.id ?? '', 'rye toast')[0] as { id?: string })?.id ?? ''
    actor.favourite(id)
    actor.reblog(id)
    actor.reply(id, 'Butter and salt')
    const taken = await req('POST', `/posts/${post.id}/engagement`)
    expect(taken.status, taken.text).toBe(200)
    expect(taken.json.engagement.deliveries[0].latest).toMatchObject({
      likes: 1,
      reposts: 1,
      replies: 1,
      people: 1,
      conversations: 1,
    })

    const byTopic = await req('GET', '/measure?by=topic&metric=replies')
    expect(byTopic.status, byTopic.text).toBe(200)
    const toast = byTopic.json.groups.find((g: { key: string }) => g.key === 'toast')
    expect(toast).toMatchObject({ posts: 1, totals: { replies: 1, likes: 1, reposts: 1 } })
    expect(toast.comparison.verdict).toBe('not_enough_posts')
    expect(toast.comparison.statement).toMatch(/Not enough posts yet/)

    const csv = await req('GET', '/measure.csv?by=topic&metric=replies')
    expect(csv.status).toBe(200)
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/)
    const [header, ...rows] = csv.text.trim().split('\r\n')
    expect(header).toMatch(/^topic,posts,replies,reposts,quotes,likes,people,conversations/)
    expect(rows.some((r) => r.startsWith('toast,1,1,1,0,1,1,1'))).toBe(true)

    const empty = await req('GET', '/measure?from=2020-01-01T00:00:00Z&to=2020-02-01T00:00:00Z')
    expect(empty.json).toMatchObject({ posts: 0, groups: [] })
    expect(empty.json.days).toHaveLength(31)
    expect(empty.json.note).toBe('No posts were published in this period.')
    const backwards = await req('GET', '/measure?from=2020-02-01T00:00:00Z&to=2020-01-01T00:00:00Z')
    expect(backwards.status).toBe(422)
  })

  it('counts the replies the team answered, with the first-answer time, and lists the best posts', async () => {
    const post = await publish({
      variants: [
        { accountId: d.accounts.baker?.accountId, text: 'Which loaf should we bake next?' },
      ],
    })
    const statusId =
      (d.published(d.accounts.baker?.user.id ?? '', 'loaf should we bake')[0] as { id?: string })
        ?.id ?? ''
    for (const name of ['rye-fan', 'crumb-fan'])
      d.fake.actor(d.fake.createUser(name)).reply(statusId, 'Rye!')
    expect((await req('POST', `/posts/${post.id}/engagement`)).json.taken).toBe(1)
    const ourUri = post.variants[0].deliveries[0].uri as string
    const account = {
      id: d.accounts.baker?.accountId as string,
      workspaceId: d.owner.workspace.id,
      network: 'mastodon',
    }
    const asked = new Date(Date.now() - 3_600_000)
    const { itemIds } = await ingestInboxEvents(
      d.t.database,
      account,
      ['first', 'second'].map((n) => ({
        id: `reply-${n}`,
        kind: 'reply' as const,
        author: { id: `fan-${n}`, handle: `fan-${n}`, displayName: '', bio: '' },
        createdAt: asked.toISOString(),
        text: 'Rye!',
        uri: `https://mastodon.test/statuses/reply-${n}`,
        subjectUri: ourUri,
      })),
    )
    // The team answers the first one through the inbox, an hour after it came.
    const answered = await req('POST', `/inbox/${itemIds[0]}/reply`, { text: 'Rye it is!' })
    expect(answered.status, answered.text).toBe(202)
    const report = (await req('GET', '/measure?by=network&metric=conversations')).json
    const mastodon = report.groups.find((g: { key: string }) => g.key === 'mastodon')
    expect(mastodon.totals.answered).toBe(1)
    expect(mastodon.medianFirstResponseSeconds).toBeGreaterThanOrEqual(3_600)
    expect(mastodon.medianFirstResponseSeconds).toBeLessThan(3_660)
    expect(report.top[0]).toMatchObject({
      postId: post.id,
      text: 'Which loaf should we bake next?',
      conversations: 2,
      answered: 1,
    })
    const csv = await req('GET', '/measure.csv?by=network&table=top')
    expect(csv.text.split('\r\n')[1]).toContain('Which loaf should we bake next?')
  })

  it('stops reading a disconnected account and keeps what it had', async () => {
    const post = await publish({
      variants: [{ accountId: d.accounts.baker?.accountId, text: 'Last loaf before we go' }],
    })
    expect((await req('POST', `/posts/${post.id}/engagement`)).json.taken).toBe(1)
    const gone = await req('DELETE', `/accounts/${d.accounts.baker?.accountId}`)
    expect(gone.status, gone.text).toBeLessThan(300)
    const after = await req('POST', `/posts/${post.id}/engagement`)
    expect(after.json.taken).toBe(0)
    expect(after.json.skipped[0].reason).toBe('the account is disconnected')
    expect(after.json.engagement.deliveries[0]).toMatchObject({ accountDisconnected: true })
    expect(after.json.engagement.deliveries[0].snapshots).toHaveLength(1)
  })
})
