import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_SECRET, type TestApp } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { auditLog, deliveries } from '../store/schema/index.ts'
import { claimDelivery } from './claim-delivery.ts'
import { publishDelivery } from './publish-delivery.ts'
import { recordDeliveryOutcome } from './record-delivery-outcome.ts'

// Two runs of one delivery (a worker that lost its lease while a second took over) may
// both come back with the network's answer: only the first is recorded.
let app: DeliveringApp
let t: TestApp
let fake: DeliveringApp['fake']
let owner: DeliveringApp['owner']
let accountId: string

beforeAll(async () => {
  app = await startDeliveringApp(['b'], { worker: false })
  ;({ t, fake, owner } = app)
  accountId = app.accounts.b?.accountId ?? ''
})
afterAll(async () => {
  await app?.close()
})

describe('recording an outcome', () => {
  it('records a publish once, however many runs report it', async () => {
    const res = await t.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId, text: 'one', thread: [{ text: 'two' }] }],
        schedule: { at: new Date(Date.now() + 60_000).toISOString() },
      },
    })
    const [first, second] = res.json.variants[0].deliveries
    const claimed = await claimDelivery(t.database.db, first.id, new Date(Date.now() + 60_000))
    if (!claimed) throw new Error('not claimed')
    const outcome = { published: { uri: 'https://fake/1', url: 'https://fake/@b/1' } }
    await recordDeliveryOutcome(t.database, claimed, outcome)
    const afterFirst = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.id, second.id))
    await recordDeliveryOutcome(t.database, claimed, outcome)

    const audits = await t.database.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'post.published'), eq(auditLog.targetId, first.id)))
    expect(audits).toHaveLength(1)
    const { rows } = await t.database.pool.query(
      `select count(*)::int as n from jobs where payload->>'deliveryId' = $1`,
      [second.id],
    )
    expect(rows[0].n).toBe(1)
    const [next] = await t.database.db.select().from(deliveries).where(eq(deliveries.id, second.id))
    expect(next?.runAt).toEqual(afterFirst[0]?.runAt)
  })

  it('a brake that commits after the claim still stops the send: it waits in review, nothing sent', async () => {
    const res = await t.request('POST', `/api/v1/workspaces/${owner.workspace.id}/posts`, {
      cookie: owner.cookie,
      body: {
        variants: [{ accountId, text: 'caught at the door' }],
        schedule: { at: new Date(Date.now() + 60_000).toISOString() },
      },
    })
    const [delivery] = res.json.variants[0].deliveries
    const claimed = await claimDelivery(t.database.db, delivery.id, new Date(Date.now() + 60_000))
    if (!claimed) throw new Error('not claimed')
    const engaged = await t.request('POST', '/api/v1/brake', {
      cookie: owner.cookie,
      body: { scope: 'workspace', workspaceId: owner.workspace.id, reason: 'Hold on' },
    })
    expect(engaged.status).toBe(201)
    expect(engaged.json.inFlight).toBe(1)
    const registry = createNetworkRegistry(t.config)
    const outcome = await publishDelivery(t.database.db, TEST_SECRET, registry, claimed)
    expect(outcome).toEqual({ braked: 'Hold on' })
    await recordDeliveryOutcome(t.database, claimed, outcome)
    const [row] = await t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.id, delivery.id))
    expect(row).toMatchObject({ state: 'needs_review', attempts: 0 })
    expect(row?.error).toMatch(/brake came on as it was about to go; nothing was sent: Hold on/)
    expect(
      [...fake.state.statuses.values()].some((s) => s.text.includes('caught at the door')),
    ).toBe(false)
    await t.request('DELETE', `/api/v1/brake/${engaged.json.id}`, { cookie: owner.cookie })
  })
})
