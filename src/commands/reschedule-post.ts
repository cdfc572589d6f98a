import { and, eq, inArray, isNull } from 'drizzle-orm'
import type { Role } from '../core/access/roles.ts'
import {
  mayChangePost,
  readScheduleChoice,
  variantUntouched,
} from '../core/compose/post-changes.ts'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import type { Tx } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, deliveries, posts, variants } from '../store/schema/index.ts'
import { planVariants, variantInputOf } from './plan-variants.ts'
import { dueTimeFor, insertDeliveries, moveDeliveries } from './write-deliveries.ts'

export type PostCaller = {
  workspaceId: string
  postId: string
  userId: string
  role: Role
  ip?: string
}

/** The post and its variants, locked, with which variants were never attempted. */
async function lockPost(tx: Tx, caller: PostCaller) {
  const [post] = await tx
    .select()
    .from(posts)
    .where(and(eq(posts.id, caller.postId), eq(posts.workspaceId, caller.workspaceId)))
    .for('update')
  if (!post) throw new NotFoundError('That post')
  if (!mayChangePost(caller, post))
    throw new ForbiddenError('Only an editor can change a post that is approved or not yours')
  const variantRows = await tx.select().from(variants).where(eq(variants.postId, post.id))
  const deliveryRows = await tx
    .select()
    .from(deliveries)
    .where(eq(deliveries.postId, post.id))
    .for('update')
  const parts = variantRows.map((variant) => {
    const own = deliveryRows.filter((d) => d.variantId === variant.id)
    return { variant, deliveries: own, draft: own.length === 0, movable: variantUntouched(own) }
  })
  return { post, parts }
}

/**
 * Schedules a post again: its scheduled variants move to the new time (keeping their
 * publish keys), its draft variants are checked and scheduled. Variants that are out or on
 * their way stay as they are and are counted in `left`.
 */
export async function reschedulePost(
  database: Database,
  secret: Buffer,
  networks: NetworkRegistry,
  input: PostCaller & { schedule: { at?: string; slot?: boolean; now?: boolean }; now?: Date },
) {
  const now = input.now ?? new Date()
  const choice = readScheduleChoice(input.schedule, now)
  if ('problems' in choice)
    throw new InvalidInputError('The post cannot be scheduled at that time', choice.problems)
  const { db } = database
  // Drafts are checked before the transaction (the network's rules, no writes).
  const drafts = (
    await db
      .select({ variant: variants })
      .from(variants)
      .leftJoin(deliveries, eq(deliveries.variantId, variants.id))
      .innerJoin(posts, eq(posts.id, variants.postId))
      .where(
        and(
          eq(variants.postId, input.postId),
          eq(posts.workspaceId, input.workspaceId),
          isNull(deliveries.id),
        ),
      )
  ).map((r) => r.variant)
  const { planned, unknown } = await planVariants(db, secret, networks, {
    workspaceId: input.workspaceId,
    variants: drafts.map(variantInputOf),
    slot: choice.mode === 'slot',
  })
  const fields: Record<string, string> = {}
  const named = (draft?: { accountId: string | null; network: string }) =>
    `variants.${draft?.accountId ?? draft?.network}`
  for (const [index, problem] of Object.entries(unknown))
    fields[named(drafts[Number(index)])] = problem
  for (const plan of planned)
    if (plan.problems.length) fields[named(drafts[plan.index])] = plan.problems.join('; ')
  if (Object.keys(fields).length)
    throw new InvalidInputError('The post cannot be scheduled as it is: see each variant', fields)

  return db.transaction(async (tx) => {
    const { post, parts } = await lockPost(tx, input)
    if (parts.length === 0) {
      throw new InvalidInputError(
        'This draft has no variant yet: add one per account to schedule it',
        {
          variants: 'at least one account to schedule it for',
        },
      )
    }
    const accountRows = await tx
      .select()
      .from(accounts)
      .where(
        inArray(
          accounts.id,
          parts.flatMap((p) => (p.variant.accountId ? [p.variant.accountId] : [])),
        ),
      )
    let scheduled = 0
    for (const part of parts) {
      if (!part.movable) continue
      const account = accountRows.find((a) => a.id === part.variant.accountId)
      if (!account) continue
      const dueAt = await dueTimeFor(tx, choice, account, now, post.id)
      if (part.draft) {
        await insertDeliveries(
          database,
          tx,
          {
            postId: post.id,
            variantId: part.variant.id,
            accountId: account.id,
            segments: part.variant.segments.length,
          },
          dueAt,
        )
      } else {
        await moveDeliveries(database, tx, part.variant.id, dueAt, now)
      }
      scheduled++
    }
    if (scheduled === 0)
      throw new ConflictError('Nothing of this post can be rescheduled: it is out or on its way')
    if (choice.mode === 'now' && post.provenance === 'scheduled')
      await tx.update(posts).set({ provenance: 'live' }).where(eq(posts.id, post.id))
    await recordAudit(tx, {
      action: 'post.rescheduled',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'post',
      targetId: post.id,
      data: { mode: choice.mode, ...(choice.at ? { at: choice.at.toISOString() } : {}) },
      ip: input.ip,
    })
    return { changed: scheduled, left: parts.length - scheduled }
  })
}

/**
 * Takes a post's never-attempted variants back to drafts (their deliveries are removed, so
 * their jobs find nothing). What is out or on its way stays, counted in `left`.
 */
export async function unschedulePost(database: Database, input: PostCaller) {
  return database.db.transaction(async (tx) => {
    const { post, parts } = await lockPost(tx, input)
    const taken = parts.filter((p) => !p.draft && p.movable)
    if (taken.length === 0)
      throw new ConflictError(
        'Nothing of this post is scheduled and untouched: nothing to take back',
      )
    for (const part of taken)
      await tx.delete(deliveries).where(eq(deliveries.variantId, part.variant.id))
    await recordAudit(tx, {
      action: 'post.unscheduled',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'post',
      targetId: post.id,
      data: { variants: taken.length },
      ip: input.ip,
    })
    const drafts = parts.filter((p) => p.draft).length
    return { changed: taken.length, left: parts.length - taken.length - drafts }
  })
}
