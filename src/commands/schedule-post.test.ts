import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { TEST_SECRET } from '../../test/app.ts'
import { type DeliveringApp, startDeliveringApp } from '../../test/delivering-app.ts'
import { InvalidInputError } from '../core/errors.ts'
import { createNetworkRegistry } from '../networks/registry.ts'
import { deliveries, posts } from '../store/schema/index.ts'
import { schedulePost } from './schedule-post.ts'

// The command's own rules, without HTTP: who needs approval, what refuses a whole post.
let app: DeliveringApp
let accountId: string
let otherAccountId: string
beforeAll(async () => {
  app = await startDeliveringApp(['one', 'two'], { worker: false })
  accountId = app.accounts.one?.accountId ?? ''
  otherAccountId = app.accounts.two?.accountId ?? ''
})
afterAll(() => app?.close())

const schedule = (input: Partial<Parameters<typeof schedulePost>[3]>) =>
  schedulePost(app.t.database, TEST_SECRET, createNetworkRegistry(app.t.config), {
    workspaceId: app.owner.workspace.id,
    userId: app.owner.user.id,
    role: 'owner',
    variants: [{ accountId, text: 'Fresh bread at nine' }],
    schedule: { at: new Date(Date.now() + 3_600_000).toISOString() },
    ...input,
  })

describe('scheduling a post', () => {
  it("waits for an editor's approval when a contributor schedules it", async () => {
    const contributor = await app.t.member(app.owner.workspace.id, 'contributor')
    const result = await schedule({ userId: contributor.user.id, role: 'contributor' })
    const [post] = await app.t.database.db.select().from(posts).where(eq(posts.id, result.post.id))
    expect(post?.approval).toBe('pending')
    const byEditor = await schedule({ role: 'editor' })
    const [approved] = await app.t.database.db
      .select()
      .from(posts)
      .where(eq(posts.id, byEditor.post.id))
    expect(approved?.approval).toBe('not_needed')
  })

  it('refuses the whole post when one variant is over its limit, and schedules nothing', async () => {
    const before = await app.t.database.db.select().from(deliveries)
    const refused = schedule({
      variants: [
        { accountId, text: 'fine' },
        { accountId: otherAccountId, text: 'x'.repeat(5_000) },
      ],
    })
    await expect(refused).rejects.toThrow(InvalidInputError)
    await expect(refused).rejects.toThrow(/see each variant/)
    expect(await app.t.database.db.select().from(deliveries)).toHaveLength(before.length)
  })

  it('saves a draft with its problems listed instead of refusing it', async () => {
    const result = await schedule({
      variants: [{ accountId, text: 'y'.repeat(5_000) }],
      schedule: undefined,
    })
    expect(result.checks[0]?.problems.join(' ')).toMatch(/over|shorten|characters/i)
    const scheduled = await app.t.database.db
      .select()
      .from(deliveries)
      .where(eq(deliveries.postId, result.post.id))
    expect(scheduled).toEqual([])
  })
})
