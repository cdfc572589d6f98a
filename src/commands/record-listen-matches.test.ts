import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../test/app.ts'
import type { ListenEvent } from '../networks/listen/source.ts'
import type { ListenTarget } from '../store/queries/load-listen-targets.ts'
import { recordListenMatches } from './record-listen-matches.ts'

let t: TestApp
let owner: TestOwner
let base: string
let target: ListenTarget
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  base = `/api/v1/workspaces/${owner.workspace.id}`
  const saved = await t.request('POST', `${base}/searches`, {
    cookie: owner.cookie,
    body: { name: 'Sourdough', query: 'sourdough', inbox: false },
  })
  target = {
    id: saved.json.search.id,
    workspaceId: owner.workspace.id,
    name: 'Sourdough',
    kind: 'search',
    queries: ['sourdough'],
    broad: false,
    inbox: false,
    feeds: false,
    alert: null,
    observedFrom: new Date(),
    lastAlertAt: null,
  }
})
afterAll(async () => {
  await t?.close()
})

let second = 0
const event = (text: string, ids: Partial<ListenEvent>): ListenEvent => ({
  did: 'did:plc:baker',
  rkey: `3l${++second}`,
  uri: `at://did:plc:baker/app.bsky.feed.post/3l${second}`,
  timeUs: (Date.now() - 60_000 + second * 1_000) * 1_000,
  createdAt: null,
  post: { text, lang: ['en'] },
  ...ids,
})

describe('recorded matches', () => {
  it('keep the network their source named, whatever their ids look like', async () => {
    const events = [
      event('sourdough on Bluesky', {}),
      event('sourdough on Mastodon', {
        did: 'https://mastodon.example/@ann',
        rkey: 'https://mastodon.example/users/ann/statuses/7',
        uri: 'https://mastodon.example/@ann/7',
        network: 'mastodon',
      }),
      // A feed item linking to a Bluesky post: no network, opened where the feed links.
      event('sourdough in the news', {
        did: 'feed:5e1d',
        rkey: 'item-1',
        uri: 'at://did:plc:news/app.bsky.feed.post/3lnews',
        network: null,
      }),
      // A network listening may read one day: never taken for Mastodon.
      event('sourdough elsewhere', {
        did: 'elsewhere:ann',
        rkey: '99',
        uri: 'https://elsewhere.example/p/99',
        network: 'elsewhere',
      }),
    ]
    await recordListenMatches(t.database, {
      source: 'test',
      holder: 'test',
      matches: events.map((e) => ({ target, event: e })),
      cursor: 1,
    })
    const res = await t.request('GET', `${base}/searches/${target.id}/matches`, {
      cookie: owner.cookie,
    })
    expect(res.status).toBe(200)
    const byText = Object.fromEntries(
      res.json.items.map((m: { text: string; network: string | null; url: string }) => [
        m.text,
        { network: m.network, url: m.url },
      ]),
    )
    expect(byText).toEqual({
      'sourdough on Bluesky': {
        network: 'bluesky',
        url: `https://bsky.app/profile/did:plc:baker/post/${events[0]?.rkey}`,
      },
      'sourdough on Mastodon': { network: 'mastodon', url: 'https://mastodon.example/@ann/7' },
      'sourdough in the news': {
        network: null,
        url: 'at://did:plc:news/app.bsky.feed.post/3lnews',
      },
      'sourdough elsewhere': { network: 'elsewhere', url: 'https://elsewhere.example/p/99' },
    })
  })
})
