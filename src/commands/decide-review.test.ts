import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import { deliveries, posts } from '../store/schema/index.ts'
import { decideReview } from './decide-review.ts'
import { pullBrake } from './pull-brake.ts'
import { releaseBrake } from './release-brake.ts'

// A person's decision on a delivery in review, without HTTP.
let app: DeliveringApp
let accountId: string
beforeAll(async () => {
  app = await startDeliveringApp(['rev'], { worker: false })
  accountId = app.accounts.rev?.accountId ?? ''
})
afterAll(() => app?.close())

/** A delivery whose time passed while nobody could send it: in review. */
async function waitingDelivery(text: string) {
  const res = await app.t.request('POST', `/api/v1/workspaces/${app.owner.workspace.id}/posts`, {
    cookie: app.owner.cookie,
    body: {
      variants: [{ accountId, text }],
      schedule: { at: new Date(Date.now() + 3_600_000).toISOString() },
    },
  })
  const id = res.json.variants[0].deliveries[0].id as string
  await app.t.database.db
    .update(deliveries)
    .set({ state: 'needs_review', error: 'Its time passed under the brake' })
    .where(eq(deliveries.id, id))
  return id
}

const decide = (deliveryId: string, decision: Parameters<typeof decideReview>[1]['decision']) =>
  decideReview(app.t.database, {
    workspaceId: app.owner.workspace.id,
    deliveryId,
    userId: app.owner.user.id,
    decision,
  })

describe('deciding a delivery in review', () => {
  it('refuses "publish now" while a brake covers it, naming the brake; reschedule still works', async () => {
    const id = await waitingDelivery('under the brake')
    const owner = { userId: app.owner.user.id, instanceAdmin: true }
    const brake = await pullBrake(app.t.database.db, owner, {
      scope: 'workspace',
      workspaceId: app.owner.workspace.id,
      reason: 'Bad news today',
    })
    await expect(decide(id, { action: 'publish_now' })).rejects.toThrow(ConflictError)
    await expect(decide(id, { action: 'publish_now' })).rejects.toThrow(/Bad news today/)
    const at = new Date(Date.now() + 2 * 3_600_000)
    await decide(id, { action: 'reschedule', at })
    const [row] = await app.t.database.db.select().from(deliveries).where(eq(deliveries.id, id))
    expect(row).toMatchObject({ state: 'scheduled', dueAt: at })
    await releaseBrake(app.t.database.db, owner, brake.id)
  })

  it('discards for good, and a decided delivery cannot be decided again', async () => {
    const id = await waitingDelivery('not any more')
    await decide(id, { action: 'discard' })
    const [row] = await app.t.database.db.select().from(deliveries).where(eq(deliveries.id, id))
    expect(row?.state).toBe('failed')
    await expect(decide(id, { action: 'publish_now' })).rejects.toThrow(NotFoundError)
  })

  it("publishing a contributor's waiting post approves it, by the person who decided", async () => {
    const id = await waitingDelivery('needs approval')
    const [delivery] = await app.t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.id, id))
    await app.t.database.db
      .update(posts)
      .set({ approval: 'pending' })
      .where(eq(posts.id, delivery?.postId ?? ''))
    await decide(id, { action: 'publish_now' })
    const [post] = await app.t.database.db
      .select()
      .from(posts)
      .where(eq(posts.id, delivery?.postId ?? ''))
    expect(post).toMatchObject({ approval: 'approved', approvedBy: app.owner.user.id })
  })
})
