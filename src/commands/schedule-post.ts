import { and, eq } from 'drizzle-orm'
import type { Role } from '../core/access/roles.ts'
import { roleAtLeast } from '../core/access/roles.ts'
import { sameTextNotice } from '../core/compose/check-variant.ts'
import {
  mayChangePost,
  readScheduleChoice,
  variantUntouched,
} from '../core/compose/post-changes.ts'
import { ConflictError, ForbiddenError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { deliveries, posts, variants } from '../store/schema/index.ts'
import { planVariants, type VariantInput } from './plan-variants.ts'
import { dueTimeFor, insertDeliveries } from './write-deliveries.ts'

export type { VariantInput } from './plan-variants.ts'

export type ScheduleInput = {
  workspaceId: string
  userId: string
  role: Role
  variants: VariantInput[]
  /** Absent: the post is saved as a draft, its checks reported but not blocking. */
  schedule?: { at?: string; slot?: boolean; now?: boolean }
  /** Rewrite this post instead of making a new one; nothing of it may have been attempted. */
  postId?: string
  provenance?: 'suggestion' | 'reply'
  ip?: string
  now?: Date
}

export type VariantCheck = { accountId: string; problems: string[] }

/**
 * Turns one idea into checked variants and, unless it is a draft, their deliveries. Every
 * variant is checked by its network's own rules first; to schedule, any problem refuses the
 * whole post (422, the reasons per variant) and nothing is scheduled. A contributor's post
 * waits for approval.
 */
export async function schedulePost(
  database: Database,
  secret: Buffer,
  networks: NetworkRegistry,
  input: ScheduleInput,
) {
  const { db } = database
  const now = input.now ?? new Date()
  const fields: Record<string, string> = {}
  const choice = input.schedule ? readScheduleChoice(input.schedule, now) : null
  if (choice && 'problems' in choice) Object.assign(fields, choice.problems)
  const accountIds = new Set(input.variants.map((v) => v.accountId))
  if (input.variants.length === 0) fields.variants = 'at least one account'
  if (accountIds.size !== input.variants.length) fields.variants = 'one variant per account'

  const scheduling = choice && !('problems' in choice) ? choice : null
  const { planned, unknown } = await planVariants(db, secret, networks, {
    workspaceId: input.workspaceId,
    variants: input.variants,
    slot: scheduling?.mode === 'slot',
  })
  for (const [index, problem] of Object.entries(unknown)) fields[`variants.${index}`] = problem
  if (input.schedule) {
    for (const plan of planned) {
      if (plan.problems.length) fields[`variants.${plan.index}`] = plan.problems.join('; ')
    }
  }
  if (Object.keys(fields).length) {
    const what = input.schedule ? 'scheduled' : 'saved'
    throw new InvalidInputError(`The post cannot be ${what} as it is: see each variant`, fields)
  }

  const pending = !roleAtLeast(input.role, 'editor')
  const approval = pending ? ('pending' as const) : ('not_needed' as const)
  const provenance =
    input.provenance ?? (scheduling?.mode === 'now' ? ('live' as const) : ('scheduled' as const))
  const notice = sameTextNotice(
    planned.map((p) => ({ network: p.adapter.displayName, text: p.variant.text })),
  )
  const checks: VariantCheck[] = planned.map((p) => ({
    accountId: p.account.id,
    problems: p.problems,
  }))

  const post = await db.transaction(async (tx) => {
    let post: typeof posts.$inferSelect | undefined
    if (input.postId) {
      ;[post] = await tx
        .select()
        .from(posts)
        .where(and(eq(posts.id, input.postId), eq(posts.workspaceId, input.workspaceId)))
        .for('update')
      if (!post) throw new NotFoundError('That post')
      if (!mayChangePost(input, post))
        throw new ForbiddenError('Only an editor can change a post that is approved or not yours')
      const current = await tx
        .select()
        .from(deliveries)
        .where(eq(deliveries.postId, post.id))
        .for('update')
      if (!variantUntouched(current)) {
        throw new ConflictError(
          'Part of this post is out or on its way; reschedule or unschedule what is left instead',
        )
      }
      await tx.delete(variants).where(eq(variants.postId, post.id))
      ;[post] = await tx
        .update(posts)
        .set({
          provenance,
          ...(pending ? { approval, approvedBy: null, approvedAt: null } : {}),
        })
        .where(eq(posts.id, post.id))
        .returning()
    } else {
      ;[post] = await tx
        .insert(posts)
        .values({ workspaceId: input.workspaceId, createdBy: input.userId, provenance, approval })
        .returning()
    }
    if (!post) throw new Error('the post row vanished')
    for (const plan of planned) {
      const [variant] = await tx
        .insert(variants)
        .values({
          postId: post.id,
          accountId: plan.account.id,
          segments: plan.segments,
          link: plan.variant.link ?? null,
          contentWarning: plan.variant.contentWarning ?? null,
          language: plan.variant.language ?? null,
        })
        .returning()
      if (!variant) throw new Error('insert returned no row')
      if (!scheduling) continue
      const dueAt = await dueTimeFor(tx, scheduling, plan.account, now, post.id)
      await insertDeliveries(
        database,
        tx,
        {
          postId: post.id,
          variantId: variant.id,
          accountId: plan.account.id,
          segments: plan.segments.length,
        },
        dueAt,
      )
    }
    await recordAudit(tx, {
      action: scheduling ? 'post.scheduled' : 'post.saved_draft',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'post',
      targetId: post.id,
      data: {
        mode: scheduling?.mode ?? 'draft',
        approval: post.approval,
        accounts: [...accountIds],
        ...(input.postId ? { rewritten: true } : {}),
      },
      ip: input.ip,
    })
    return post
  })
  return { post, notice, checks }
}
