import { AtpAgent, ids } from '@atproto/api'
import { eq } from 'drizzle-orm'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startPeopleSync } from '../src/commands/start-people-sync.ts'
import { type SyncStepInput, syncPeopleStep } from '../src/commands/sync-people-step.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { auditLog } from '../src/store/schema/index.ts'
import { TEST_SECRET } from '../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../test/peers/atproto-network.ts'
import { connectBrowser, expectNoProblems, openPage } from './browser.ts'
import { type RunningSous, startSous } from './start-sous.ts'

// The end to end on the local AT Protocol network (real PDS, PLC and AppView):
// another account follows ours → it is in the review queue with context → `f` in the
// browser → one follow record on the PDS, audited with the person. The PDS is the judge.
let browser: Browser
let sous: RunningSous
let ours: TestAccount
let pds: AtpAgent
let owner: Awaited<ReturnType<RunningSous['setupOwner']>>
let accountId: string

beforeAll(async () => {
  const network = await atprotoNetwork()
  pds = new AtpAgent({ service: network.pds })
  ;[browser, sous, ours] = await Promise.all([
    connectBrowser(),
    startSous({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: network.plc } }),
    createTestAccount('bakery'),
  ])
  owner = await sous.setupOwner()
  const connected = await sous.request(
    'POST',
    `/api/v1/workspaces/${owner.workspace.id}/accounts/bluesky`,
    {
      cookie: owner.cookie,
      body: { identifier: ours.handle, appPassword: ours.appPassword, service: network.pds },
    },
  )
  expect(connected.status, connected.text).toBe(201)
  accountId = connected.json.id
})
afterAll(async () => {
  await Promise.all([browser?.close(), sous?.stop()])
})

/** A followers pass to its end, as the job chain runs it, without pauses. */
async function syncFollowers() {
  const deps = { networks: createNetworkRegistry(sous.config), secret: TEST_SECRET }
  const started = await startPeopleSync(sous.database, { accountId, list: 'followers' })
  let input: SyncStepInput = { accountId, list: 'followers', ...started }
  for (;;) {
    const outcome = await syncPeopleStep(sous.database, deps, input, { gapMs: 0 })
    if ('next' in outcome) input = outcome.next
    else if ('done' in outcome) return
    else throw new Error(`rate limited for ${outcome.retryAfterMs} ms`)
  }
}

async function followRecords() {
  const { data } = await pds.com.atproto.repo.listRecords({
    repo: ours.did,
    collection: ids.AppBskyGraphFollow,
    limit: 100,
  })
  return data.records.map((r) => (r.value as { subject: string }).subject)
}

describe('people on Bluesky in the browser', () => {
  it('a new follower, followed back with f: one follow record on the PDS, audited', async () => {
    await syncFollowers()
    const fan = await createTestAccount('fan')
    await fan.agent.upsertProfile(() => ({
      displayName: 'Fan Person',
      description: 'Rye and rust',
    }))
    await fan.agent.follow(ours.did)
    // The AppView indexes on its own time: sync until the follower is in review.
    await vi.waitFor(
      async () => {
        await syncFollowers()
        const queue = await sous.request(
          'GET',
          `/api/v1/workspaces/${owner.workspace.id}/accounts/${accountId}/followers?status=new`,
          { cookie: owner.cookie },
        )
        expect(queue.json.items.map((c: { id: string }) => c.id)).toEqual([fan.did])
      },
      { timeout: 30_000, interval: 300 },
    )

    const page = await openPage(browser)
    const [name, value] = owner.cookie.split('=') as [string, string]
    await page.context().addCookies([{ name, value, url: sous.url }])
    await page.goto(`${sous.url}/w/${owner.workspace.id}/people`)
    const card = page.locator('[data-person]')
    await expect.poll(() => card.getAttribute('aria-label')).toBe(`Fan Person (@${fan.handle})`)
    await expect.poll(() => card.getByText('Rye and rust').isVisible()).toBe(true)
    await page.keyboard.press('f')
    await expect.poll(() => page.getByText('No new followers to look at.').isVisible()).toBe(true)
    await expect.poll(() => followRecords()).toEqual([fan.did])

    const audit = await sous.database.db
      .select()
      .from(auditLog)
      .where(eq(auditLog.action, 'person.followed'))
    expect(audit).toEqual([
      expect.objectContaining({ actorUserId: owner.user.id, targetId: fan.did }),
    ])
    expectNoProblems(page)
  }, 90_000)
})
