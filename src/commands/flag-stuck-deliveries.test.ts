import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { TestApp } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { deliveries } from '../store/schema/index.ts'
import { flagStuckDeliveries, STUCK_AFTER_MS } from './flag-stuck-deliveries.ts'

// No worker runs here: the test plays a worker that crashed on a delivery until its job died.
let app: DeliveringApp
let t: TestApp
let owner: DeliveringApp['owner']
let accountId: string

beforeAll(async () => {
  app = await startDeliveringApp(['b'], { worker: false })
  ;({ t, owner } = app)
  accountId = app.accounts.b?.accountId ?? ''
})
afterAll(async () => {
  await app?.close()
})

async function thread(texts: string[]) {
  const [text, ...rest] = texts
  const res = await t.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
    cookie: owner.cookie,
    body: {
      variants: [{ accountId, text, thread: rest.map((s) => ({ text: s })) }],
      schedule: { at: new Date(Date.now() + 60_000).toISOString() },
    },
  })
  expect(res.status, res.text).toBe(201)
  return res.json.variants[0].deliveries.map((d: { id: string }) => d.id) as string[]
}

const killJobOf = (deliveryId: string) =>
  t.database.pool.query(
    `update jobs set state = 'dead', last_error = 'worker crashed' where payload->>'deliveryId' = $1`,
    [deliveryId],
  )
const stateOf = async (id: string) =>
  (await t.database.db.select().from(deliveries).where(eq(deliveries.id, id)))[0]

describe('deliveries nothing will move again', () => {
  it('go to review with what is known; waiting ones are left alone', async () => {
    const later = new Date(Date.now() + STUCK_AFTER_MS + 60_000)
    const [claimed = '', second = ''] = await thread(['crashed while sending', 'and its reply'])
    const old = new Date(Date.now() - STUCK_AFTER_MS - 60_000)
    await t.database.db
      .update(deliveries)
      .set({ state: 'claimed', updatedAt: old, runAt: old, dueAt: old })
      .where(eq(deliveries.id, claimed))
    await t.database.db
      .update(deliveries)
      .set({ runAt: old, dueAt: old })
      .where(eq(deliveries.id, second))

    // Still has a live job: not stuck, however old.
    expect(await flagStuckDeliveries(t.database, later)).toBe(0)
    await killJobOf(claimed)
    expect(await flagStuckDeliveries(t.database)).toBe(1)
    expect(await stateOf(claimed)).toMatchObject({
      state: 'needs_review',
      error: expect.stringMatching(/may or may not be out/),
    })
    // The thread's next segment waits for the first; it is not stuck by itself.
    expect((await stateOf(second))?.state).toBe('scheduled')

    // A due delivery whose job died goes to review too.
    const [due = ''] = await thread(['never picked up'])
    await t.database.db
      .update(deliveries)
      .set({ runAt: old, dueAt: old })
      .where(eq(deliveries.id, due))
    await killJobOf(due)
    expect(await flagStuckDeliveries(t.database)).toBe(1)
    expect(await stateOf(due)).toMatchObject({
      state: 'needs_review',
      error: expect.stringMatching(/kept failing/),
    })
    const review = await t.request('GET', `/api/v1/workspaces/${owner.workspace.id}/review`, {
      cookie: owner.cookie,
    })
    expect(review.json.items.map((i: { deliveryId: string }) => i.deliveryId)).toEqual(
      expect.arrayContaining([claimed, due]),
    )
  })
})
