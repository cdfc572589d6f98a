import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { TEST_SECRET } from '../../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../../test/delivering-app.ts'
import { joinedUnits } from '../../../test/joined-measure-units.ts'
import { ingestInboxEvents } from '../../commands/ingest-inbox-events.ts'
import { setPostLabels } from '../../commands/set-post-labels.ts'
import { takeSnapshots } from '../../commands/take-snapshots.ts'
import { createNetworkRegistry } from '../../networks/registry.ts'
import { inboxItems } from '../schema/index.ts'
import { measureUnits } from './measure-units.ts'

// Measure reads measure_units, which the database keeps in each writer's transaction
// (migration 0023). After every kind of write the report must say what the sources say, read
// by joining them as before (test/joined-measure-units.ts). A real worker publishes to the
// Mastodon CONTRACT FAKE.
let d: DeliveringApp
const ws = () => d.owner.workspace.id
const req = (method: string, path: string, body?: unknown) =>
  d.t.request(method, `/api/v1/workspaces/${ws()}${path}`, {
    cookie: d.owner.cookie,
    ...(body ? { body } : {}),
  })
const BROWSER =
  'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'

beforeAll(async () => {
  d = await startDeliveringApp(['baker', 'cook'])
})
afterAll(async () => {
  await d?.close()
})

const period = () => ({ from: new Date(Date.now() - 3_600_000), to: new Date(Date.now() + 60_000) })

/** The report's rows, and the same rows joined from the sources, in one comparable shape. */
async function bothWays() {
  const p = period()
  const reported = (await measureUnits(d.t.database.db, ws(), p)).map((u) => ({
    ...u,
    publishedAt: u.publishedAt.getTime(),
    responseSeconds: [...u.responseSeconds].sort(),
  }))
  const joined = await d.t.database.db.execute<Record<string, unknown>>(joinedUnits(ws(), p))
  const reference = joined.rows.map((r) => ({
    postId: r.post_id,
    accountId: r.account_id,
    handle: r.handle,
    network: r.network,
    publishedAt: Number(r.published_ms),
    topics: r.topics,
    approach: r.approach ?? null,
    campaignId: r.campaign_id ?? null,
    campaignName: r.campaign_name ?? null,
    ...Object.fromEntries(
      ['replies', 'reposts', 'quotes', 'likes', 'people', 'conversations', 'answered'].map((k) => [
        k,
        Number(r[k]),
      ]),
    ),
    deleted: Boolean(r.deleted),
    clicks: Number(r.clicks),
    visitors: Number(r.visitors),
    botClicks: Number(r.bots),
    responseSeconds: (r.response_seconds as number[]).map(Number).sort(),
  }))
  return { reported, reference }
}

async function expectSame() {
  const { reported, reference } = await bothWays()
  expect(reported).toEqual(reference)
  return reported
}

describe('measure_units follows every writer', () => {
  it('after snapshots, a label and campaign change, clicks, an answered reply and a disconnected account', async () => {
    const res = await req('POST', '/posts', {
      variants: ['baker', 'cook'].map((name) => ({
        accountId: d.accounts[name]?.accountId,
        text: 'Our rye guide: https://bakery.example/rye',
      })),
      topics: ['rye'],
      approach: 'question',
      clickTracking: true,
      schedule: { now: true },
    })
    expect(res.status, res.text).toBe(201)
    const post = await vi.waitFor(
      async () => {
        const got = await req('GET', `/posts/${res.json.id}`)
        for (const v of got.json.variants) expect(v.state).toBe('published')
        return got.json
      },
      { timeout: 15_000, interval: 100 },
    )
    const deliveryIds: string[] = post.variants.flatMap((v: { deliveries: { id: string }[] }) =>
      v.deliveries.map((x) => x.id),
    )
    // Nothing measured before the first snapshot.
    expect((await bothWays()).reported).toEqual([])

    const status = d.published(d.accounts.baker?.user.id ?? '', 'rye guide')[0] as unknown as {
      id: string
    }
    d.fake.actor(d.fake.createUser('anna')).favourite(status.id)
    d.fake.actor(d.fake.createUser('ben')).reply(status.id, 'Spelt?')
    await takeSnapshots(d.t.database.db, TEST_SECRET, createNetworkRegistry(d.t.config), {
      deliveryIds,
      mode: 'now',
    })
    const first = await expectSame()
    expect(first).toHaveLength(2)
    expect(first.find((u) => u.network === 'mastodon' && u.likes === 1)).toMatchObject({
      topics: ['rye'],
      replies: 1,
    })

    // Labels and campaign changed after the snapshot: the report moves with them.
    const campaign = await req('POST', '/campaigns', {
      name: 'Rye week',
      startsAt: new Date(Date.now() - 86_400_000).toISOString(),
      endsAt: new Date(Date.now() + 86_400_000).toISOString(),
      colour: '#336699',
    })
    await d.t.database.db.transaction((tx) =>
      setPostLabels(tx, {
        workspaceId: ws(),
        postId: post.id,
        labels: { topics: ['spelt', 'guides'], approach: 'tip', campaignId: campaign.json.id },
        variants: [],
        shortLinkBase: 'http://sous.test',
      }),
    )
    const relabelled = await expectSame()
    expect(relabelled[0]).toMatchObject({
      topics: ['spelt', 'guides'],
      approach: 'tip',
      campaignId: campaign.json.id,
      campaignName: 'Rye week',
    })
    const byTopic = await req('GET', '/measure?by=topic')
    expect(byTopic.json.groups.map((g: { key: string }) => g.key).sort()).toEqual([
      'guides',
      'spelt',
    ])
    // A campaign's new name is read where it is kept.
    await req('PATCH', `/campaigns/${campaign.json.id}`, { name: 'Spelt week' })
    expect((await expectSame())[0]?.campaignName).toBe('Spelt week')

    // Clicks on /l/{code}, written a second later by the click recorder.
    const [link] = (
      await d.t.database.db.execute<{ code: string }>(
        sql`select code from short_links where post_id = ${post.id} and network = 'mastodon'`,
      )
    ).rows
    for (const userAgent of [
      BROWSER,
      BROWSER,
      'Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)',
    ])
      expect(
        (await d.t.request('GET', `/l/${link?.code}`, { headers: { 'user-agent': userAgent } }))
          .status,
      ).toBe(302)
    await vi.waitFor(
      async () => {
        const units = await expectSame()
        expect(units.find((u) => u.network === 'mastodon')).toMatchObject({
          clicks: 2,
          visitors: 1,
          botClicks: 1,
        })
      },
      { timeout: 5_000, interval: 200 },
    )

    // A reply in the inbox, answered 10 minutes after it came.
    const ourUri = post.variants[0].deliveries[0].uri as string
    const asked = new Date(Date.now() - 1_800_000)
    const { itemIds } = await ingestInboxEvents(
      d.t.database,
      {
        id: post.variants[0].accountId as string,
        workspaceId: ws(),
        network: 'mastodon',
      },
      [
        {
          id: 'reply-follow',
          kind: 'reply' as const,
          author: { id: 'fan-follow', handle: 'fan-follow', displayName: '', bio: '' },
          createdAt: asked.toISOString(),
          text: 'Spelt!',
          uri: 'https://mastodon.test/statuses/reply-follow',
          subjectUri: ourUri,
        },
      ],
    )
    await expectSame()
    await d.t.database.db
      .update(inboxItems)
      .set({ firstResponseAt: new Date(asked.getTime() + 600_000) })
      .where(eq(inboxItems.id, itemIds[0] as string))
    const answered = await expectSame()
    expect(answered.find((u) => u.answered === 1)?.responseSeconds).toEqual([600])

    // A newer snapshot, then an account disconnected: it keeps what it had.
    d.fake.actor(d.fake.createUser('carla')).favourite(status.id)
    await takeSnapshots(d.t.database.db, TEST_SECRET, createNetworkRegistry(d.t.config), {
      deliveryIds,
      mode: 'now',
    })
    expect((await expectSame()).find((u) => u.network === 'mastodon' && u.likes === 2)).toBeTruthy()
    const gone = await req('DELETE', `/accounts/${d.accounts.cook?.accountId}`)
    expect(gone.status, gone.text).toBeLessThan(300)
    expect(await expectSame()).toHaveLength(2)
  }, 60_000)
})
