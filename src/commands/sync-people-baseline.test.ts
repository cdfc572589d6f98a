import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { createTestApp, TEST_SECRET, type TestApp } from '../../test/app.ts'
import {
  atprotoNetwork,
  createTestAccount,
  type TestAccount,
} from '../../test/peers/atproto-network.ts'
import { createNetworkRegistry, type NetworkRegistry } from '../networks/registry.ts'
import { NetworkError } from '../networks/types.ts'
import { startPeopleSync } from './start-people-sync.ts'
import { type SyncStepInput, syncPeopleStep } from './sync-people-step.ts'

// Who counts as a new follower while the account's first full sync has not ended, on the
// local AT Protocol network (real PDS and AppView, real adapter), steps run one by one. The
// races are made deterministic: the refusal is scripted, and each follow waits for the
// AppView before the step that reads it.
let t: TestApp
let owner: Awaited<ReturnType<TestApp['setupOwner']>>
let plc: string
let pds: string
/** Answers the next followers listings with the AppView's refusal of an account it has not indexed. */
let refuseListings = 0

beforeAll(async () => {
  const network = await atprotoNetwork()
  plc = network.plc
  pds = network.pds
  t = await createTestApp({
    env: { SOUS_ALLOW_PRIVATE_NETWORK: '1', SOUS_BLUESKY_PLC_URL: plc },
  })
  owner = await t.setupOwner()
})
afterAll(async () => {
  await t?.close()
})

function networks(): NetworkRegistry {
  const real = createNetworkRegistry(t.config)
  return {
    ...real,
    adapterFor: (network) => {
      const adapter = real.adapterFor(network)
      const listFollowers: typeof adapter.listFollowers = async (...args) => {
        if (refuseListings > 0) {
          refuseListings--
          throw new NetworkError({
            kind: 'rejected',
            reason: 'Bluesky refused it: Actor not found',
          })
        }
        return adapter.listFollowers(...args)
      }
      return new Proxy(adapter, {
        get: (target, name, receiver) =>
          name === 'listFollowers' ? listFollowers : Reflect.get(target, name, receiver),
      })
    },
  }
}

async function connect(): Promise<{ ours: TestAccount; accountId: string }> {
  const ours = await createTestAccount('baseline')
  const res = await t.request('POST', `/api/v1/workspaces/${owner.workspace.id}/accounts/bluesky`, {
    cookie: owner.cookie,
    body: { identifier: ours.handle, appPassword: ours.appPassword, service: pds },
  })
  expect(res.status, res.text).toBe(201)
  return { ours, accountId: res.json.id }
}

/** Runs a followers pass's steps to the end, as the job chain would, without pauses. */
async function runPass(accountId: string, at: { pass: number; step: number }) {
  const deps = { networks: networks(), secret: TEST_SECRET }
  let input: SyncStepInput = { accountId, list: 'followers', ...at }
  for (;;) {
    const outcome = await syncPeopleStep(t.database, deps, input, { gapMs: 0 })
    if ('next' in outcome) input = outcome.next
    else if ('done' in outcome) return outcome.done
    else throw new Error(`rate limited for ${outcome.retryAfterMs} ms`)
  }
}

/** Waits until the AppView lists these followers of `ours`. */
async function appViewLists(ours: TestAccount, dids: string[]) {
  await vi.waitFor(
    async () => {
      const { data } = await ours.agent.app.bsky.graph.getFollowers({ actor: ours.did })
      expect(data.followers.map((f) => f.did)).toEqual(expect.arrayContaining(dids))
    },
    { timeout: 30_000, interval: 100 },
  )
}

async function reviewQueue(accountId: string) {
  const res = await t.request(
    'GET',
    `/api/v1/workspaces/${owner.workspace.id}/accounts/${accountId}/followers?status=all`,
    { cookie: owner.cookie },
  )
  expect(res.status, res.text).toBe(200)
  return new Map(res.json.items.map((c: { id: string; review: string }) => [c.id, c.review]))
}

describe('the first full sync and new followers', () => {
  it('a follow made after a first listing the network refused reaches review (it was swallowed into the baseline)', async () => {
    const { ours, accountId } = await connect()
    // A brand-new account the AppView has not indexed yet: "Actor not found".
    refuseListings = 1
    const first = await startPeopleSync(t.database, { accountId, list: 'followers' })
    expect(await runPass(accountId, first)).toBe('refused')

    const fan = await createTestAccount('fan')
    await fan.agent.follow(ours.did)
    await appViewLists(ours, [fan.did])
    const second = await startPeopleSync(t.database, { accountId, list: 'followers' })
    expect(second.kind).toBe('full')
    expect(await runPass(accountId, second)).toBe('finished')
    expect((await reviewQueue(accountId)).get(fan.did)).toBe('new')
  })

  it('a follow made while the first full pass runs, before it reads its page, is new; earlier followers are known', async () => {
    const { ours, accountId } = await connect()
    const before = await createTestAccount('before')
    await before.agent.follow(ours.did)
    await appViewLists(ours, [before.did])

    const pass = await startPeopleSync(t.database, { accountId, list: 'followers' })
    const fan = await createTestAccount('during')
    await fan.agent.follow(ours.did)
    await appViewLists(ours, [before.did, fan.did])
    expect(await runPass(accountId, pass)).toBe('finished')
    const review = await reviewQueue(accountId)
    expect(review.get(before.did)).toBe('known')
    expect(review.get(fan.did)).toBe('new')
  })
})
