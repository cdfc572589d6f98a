import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startTestAppWithOwner, type TestApp, type TestOwner } from '../../../test/app.ts'
import { accounts, listenLeases, savedSearches } from '../../store/schema/index.ts'

// The listening sources one workspace's Listen page shows, with two workspaces on one instance:
// A has an account on a Mastodon instance of its own and reads its feeds; both are on a shared one.
let t: TestApp
let owner: TestOwner
let a: string
let b: string
let bob: { cookie: string }
beforeAll(async () => {
  ;({ t, owner } = await startTestAppWithOwner())
  a = owner.workspace.id
  b = (await t.otherWorkspace(owner.user.id, 'Other brand')).id
  bob = await t.member(b, 'analyst')
  const account = (workspaceId: string, service: string, disconnectedAt: Date | null = null) => ({
    id: randomUUID(),
    workspaceId,
    network: 'mastodon',
    networkAccountId: randomUUID(),
    handle: 'someone',
    url: `${service}/@someone`,
    service,
    credentials: 'sealed',
    disconnectedAt,
  })
  const mine = account(a, 'https://a-only.example')
  await t.database.db
    .insert(accounts)
    .values([
      mine,
      account(a, 'https://shared.example'),
      account(b, 'https://shared.example'),
      account(b, 'https://left.example', new Date()),
    ])
  await t.database.db.insert(savedSearches).values([
    { workspaceId: a, name: 'Press', query: 'bakery', feeds: true },
    { workspaceId: b, name: 'Brand', query: 'bread' },
  ])
  const lease = (source: string, detail: string | null = null) => ({
    source,
    holder: 'worker-1',
    expiresAt: new Date(Date.now() + 60_000),
    state: 'connected',
    detail,
  })
  await t.database.db
    .insert(listenLeases)
    .values([
      lease('jetstream'),
      lease('bluesky-firehose:relay.example'),
      lease('mastodon:a-only.example', 'streaming as someone@a-only.example'),
      lease('mastodon:shared.example'),
      lease('mastodon:left.example'),
      lease('feeds'),
      lease(`mastodon-stream:${mine.id}`, 'reconnecting to a-only.example'),
    ])
})
afterAll(async () => {
  await t?.close()
})

const sourcesOf = async (workspaceId: string, cookie: string) => {
  const res = await t.request('GET', `/api/v1/workspaces/${workspaceId}/searches`, { cookie })
  expect(res.status).toBe(200)
  return { sources: res.json.sources.map((s: { source: string }) => s.source), text: res.text }
}

describe('listening sources of a workspace', () => {
  it('are the Bluesky source, the Mastodon instances it has accounts on and its feeds', async () => {
    const { sources } = await sourcesOf(a, owner.cookie)
    expect(sources).toEqual([
      'feeds',
      'jetstream',
      'mastodon:a-only.example',
      'mastodon:shared.example',
    ])
  })

  it('never show another workspace’s Mastodon instance, its feeds or its account streams', async () => {
    const { sources, text } = await sourcesOf(b, bob.cookie)
    expect(sources).toEqual(['jetstream', 'mastodon:shared.example'])
    expect(text).not.toContain('a-only.example')
    expect(text).not.toContain('left.example')
    expect(text).not.toContain('relay.example')
    expect(text).not.toContain('mastodon-stream')
  })
})
