import type { PeopleList } from '../src/commands/start-people-sync.ts'
import { startPeopleSync } from '../src/commands/start-people-sync.ts'
import { type SyncStepOptions, syncPeopleStep } from '../src/commands/sync-people-step.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { createTestApp, TEST_SECRET } from './app.ts'
import { connectMastodonAccount } from './connect-mastodon.ts'
import {
  type MastodonFake,
  type MastodonFakeOptions,
  startMastodonFake,
} from './peers/mastodon-fake/index.ts'

export type PeopleApp = Awaited<ReturnType<typeof startPeopleApp>>

/**
 * Sous with its owner and one Mastodon account connected by OAuth on the CONTRACT FAKE.
 * Syncs run step by step in the test (no worker, no pauses between requests), so a test
 * can stop one between two steps as a crash would.
 */
export async function startPeopleApp(options: MastodonFakeOptions = {}) {
  const fake = await startMastodonFake(options)
  const t = await createTestApp({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } })
  const owner = await t.setupOwner()
  const me = await connectMastodonAccount(t, fake, owner.workspace.id, owner.cookie, 'bakery')
  const deps = { networks: createNetworkRegistry(t.config), secret: TEST_SECRET }
  const ws = `/api/v1/workspaces/${owner.workspace.id}`
  const account = `${ws}/accounts/${me.accountId}`

  /** Runs a pass of one list to its end (or until `stopAfter` steps), as the job chain would. */
  async function sync(
    list: PeopleList,
    options: { kind?: 'full' | 'incremental'; stopAfter?: number; step?: SyncStepOptions } = {},
  ) {
    const started = await startPeopleSync(t.database, {
      accountId: me.accountId,
      list,
      kind: options.kind,
    })
    return runSteps({ list, pass: started.pass, step: started.step }, options)
  }

  async function runSteps(
    at: { list: PeopleList; pass: number; step: number },
    options: { stopAfter?: number; step?: SyncStepOptions } = {},
  ) {
    let input = { accountId: me.accountId, ...at }
    for (let steps = 0; ; steps++) {
      if (options.stopAfter !== undefined && steps >= options.stopAfter) return input
      const outcome = await syncPeopleStep(t.database, deps, input, {
        gapMs: 0,
        ...options.step,
      })
      if ('next' in outcome) input = outcome.next
      else if ('done' in outcome) return outcome
      else throw new Error(`rate limited for ${outcome.retryAfterMs} ms`)
    }
  }

  /** Both lists, as the planner starts them. */
  async function syncBoth(kind?: 'full' | 'incremental') {
    await sync('followers', { kind })
    await sync('follows', { kind })
  }

  return {
    t,
    fake,
    owner,
    me,
    deps,
    ws,
    account,
    sync,
    runSteps,
    syncBoth,
    /** Another account on the fake that follows ours. */
    newFollower(name: string, profile: { displayName?: string; note?: string } = {}) {
      const user = fake.createUser(name, profile)
      fake.actor(user).follow(me.user)
      return user
    },
    get: (path: string, cookie = owner.cookie) => t.request('GET', path, { cookie }),
    post: (path: string, body?: unknown, cookie = owner.cookie) =>
      t.request('POST', path, { cookie, body: body ?? {} }),
    close: async () => {
      await t.close()
      await fake.close()
    },
  }
}

export type { MastodonFake }
