import { createDeliverJob } from '../src/jobs/deliver-job.ts'
import { createNetworkRegistry } from '../src/networks/registry.ts'
import { startWorker, type Worker } from '../src/queue/worker.ts'
import { createTestApp, TEST_SECRET, type TestApp } from './app.ts'
import { connectMastodonAccount } from './connect-mastodon.ts'
import { type MastodonFake, startMastodonFake } from './peers/mastodon-fake/index.ts'

export type DeliveringApp = {
  t: TestApp
  fake: MastodonFake
  /** Absent when started with `{ worker: false }` (a test that plays the worker itself). */
  worker: Worker | null
  owner: Awaited<ReturnType<TestApp['setupOwner']>>
  /** One connected account per name asked for, by name. */
  accounts: Record<string, Awaited<ReturnType<typeof connectMastodonAccount>>>
  /** Statuses the fake holds for an account (by its fake user id) that contain `text`. */
  published: (fakeUserId: string, text?: string) => Array<{ text: string }>
  close: () => Promise<void>
}

/**
 * Sous with an owner, Mastodon accounts connected by OAuth on the CONTRACT FAKE, and a
 * real worker running the delivery engine: what a person schedules really goes out.
 */
export async function startDeliveringApp(
  accountNames: string[],
  options: { worker?: boolean } = {},
): Promise<DeliveringApp> {
  const fake = await startMastodonFake()
  const t = await createTestApp({ env: { SOUS_ALLOW_PRIVATE_NETWORK: '1' } })
  const owner = await t.setupOwner()
  const accounts: DeliveringApp['accounts'] = {}
  for (const name of accountNames) {
    accounts[name] = await connectMastodonAccount(t, fake, owner.workspace.id, owner.cookie, name)
  }
  const worker =
    options.worker === false
      ? null
      : await startWorker({
          database: t.database,
          definitions: [
            createDeliverJob({ networks: createNetworkRegistry(t.config), secret: TEST_SECRET }),
          ],
        })
  return {
    t,
    fake,
    worker,
    owner,
    accounts,
    published: (fakeUserId, text) =>
      [...fake.state.statuses.values()].filter(
        (s) => s.accountId === fakeUserId && !s.deleted && (!text || s.text.includes(text)),
      ),
    close: async () => {
      await worker?.stop(2_000)
      await t.close()
      await fake.close()
    },
  }
}
