import { randomUUID } from 'node:crypto'
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
import type { Executor } from '../store/executor.ts'
import { insertNewPost, type NewPost, type NewVariant } from '../store/insert-new-post.ts'
import { type AuditEntry, recordAudit } from '../store/record-audit.ts'
import { deliveries, postLabels, posts, variants } from '../store/schema/index.ts'
import type { PROVENANCES } from '../store/schema/posts.ts'
import { linkSuggestionToPost } from './link-suggestion-to-post.ts'
import { planVariants, type VariantInput } from './plan-variants.ts'
import {
  type PostLabelsInput,
  type PostLabelsRow,
  plainNewPostLabels,
  setPostLabels,
} from './set-post-labels.ts'
import { dueTimeFor, insertDeliveries } from './write-deliveries.ts'

export type { VariantInput } from './plan-variants.ts'

export type ScheduleInput = {
  workspaceId: string
  userId: string
  role: Role
  /** The idea in its author's words, kept with the post: all a draft needs before any variant. */
  text?: string | null
  variants: VariantInput[]
  /** Absent: the post is saved as a draft, its checks reported but not blocking. */
  schedule?: { at?: string; slot?: boolean; now?: boolean }
  /** Rewrite this post instead of making a new one; nothing of it may have been attempted. */
  postId?: string
  provenance?: 'suggestion' | 'reply'
  /** Campaign, topics, approach, click tracking (fields left out stay); short links on `shortLinkBase`. */
  labels?: PostLabelsInput & { shortLinkBase: string }
  /** Written from this suggestion: the post's provenance is "suggestion", and the suggestion links to it. */
  suggestionId?: string
  ip?: string
  now?: Date
}

type Provenance = (typeof PROVENANCES)[number]

export type VariantCheck = { accountId: string | null; network: string; problems: string[] }

/** The post as its transaction wrote it: all a presenter needs, without reading it back. */
export type SavedPost = {
  post: typeof posts.$inferSelect
  variants: Array<typeof variants.$inferSelect>
  deliveries: Array<typeof deliveries.$inferSelect>
  labels: PostLabelsRow | null
}

/**
 * Turns one idea into checked variants and, unless it is a draft, their deliveries. Every
 * variant is checked by its network's own rules first; to schedule, any problem refuses the
 * whole post (422, the reasons per variant) and nothing is scheduled. A contributor's post
 * waits for approval. A rewrite without `schedule` keeps each account's time, so a post
 * read and written back as it is stays as it was.
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
  const chosen = input.variants.flatMap((v) => (v.accountId ? [v.accountId] : []))
  const accountIds = new Set(chosen)
  if (input.variants.length === 0 && input.schedule)
    fields.variants = 'at least one account to schedule it for'
  else if (input.variants.length === 0 && !input.text?.trim())
    fields.text = 'write the idea, or give at least one variant'
  if (accountIds.size !== chosen.length) fields.variants = 'one variant per account'

  const scheduling = choice && !('problems' in choice) ? choice : null
  const kept =
    input.postId && !input.schedule ? await keptTimes(db, input.postId) : new Map<string, Date>()
  const { planned, unknown } = await planVariants(db, secret, networks, {
    workspaceId: input.workspaceId,
    variants: input.variants,
    slot: scheduling?.mode === 'slot',
  })
  for (const [index, problem] of Object.entries(unknown)) fields[`variants.${index}`] = problem
  for (const plan of planned) {
    const staysScheduled = plan.account && kept.has(plan.account.id)
    if (plan.problems.length && (input.schedule || staysScheduled))
      fields[`variants.${plan.index}`] = plan.problems.join('; ')
  }
  if (Object.keys(fields).length) {
    const what = input.schedule ? 'scheduled' : 'saved'
    throw new InvalidInputError(`The post cannot be ${what} as it is: see each variant`, fields)
  }

  const pending = !roleAtLeast(input.role, 'editor')
  const approval = pending ? ('pending' as const) : ('not_needed' as const)
  const provenanceAfter = (before?: Provenance): Provenance =>
    input.provenance ??
    (input.suggestionId ? 'suggestion' : undefined) ??
    (scheduling?.mode === 'now' ? 'live' : before && before !== 'live' ? before : 'scheduled')
  const notice = sameTextNotice(
    planned.map((p) => ({ network: p.adapter.displayName, text: p.variant.text })),
  )
  const checks: VariantCheck[] = planned.map((p) => ({
    accountId: p.account?.id ?? null,
    network: p.network,
    problems: p.problems,
  }))

  /** The variants' rows; a rewritten account's variant keeps its id. */
  const variantRows = (postId: string, keptIds = new Map<string, string>()): NewVariant[] =>
    planned.map((plan) => ({
      id: (plan.account && keptIds.get(plan.account.id)) || randomUUID(),
      postId,
      accountId: plan.account?.id ?? null,
      network: plan.network,
      position: plan.index,
      segments: plan.segments,
      link: plan.variant.link ?? null,
      contentWarning: plan.variant.contentWarning ?? null,
      language: plan.variant.language ?? null,
    }))
  const auditOf = (post: { id: string; approval: string }, mode: string): AuditEntry => ({
    action: scheduling ? 'post.scheduled' : 'post.saved_draft',
    workspaceId: input.workspaceId,
    actorUserId: input.userId,
    targetType: 'post',
    targetId: post.id,
    data: {
      mode,
      approval: post.approval,
      accounts: [...accountIds],
      ...(input.postId ? { rewritten: true } : {}),
    },
    ip: input.ip,
  })
  const newPost = (id: string): NewPost => ({
    id,
    workspaceId: input.workspaceId,
    provenance: provenanceAfter(),
    approval,
    text: input.text ?? null,
  })

  // A new draft reads nothing in a transaction (no suggestion, no times, labels that need no
  // campaign or short link): one statement writes it, atomic on its own.
  if (!input.postId && !input.suggestionId && !scheduling) {
    const id = randomUUID()
    const labels = input.labels
      ? plainNewPostLabels({ workspaceId: input.workspaceId, postId: id, labels: input.labels })
      : undefined
    if (labels !== null) {
      const saved = await insertNewPost(db, {
        userId: input.userId,
        post: newPost(id),
        variants: variantRows(id),
        ...(labels ? { labels } : {}),
        audit: auditOf({ id, approval }, 'draft'),
      })
      return { ...saved, deliveries: [], notice, checks }
    }
  }

  const saved = await db.transaction(async (tx): Promise<SavedPost> => {
    let post: typeof posts.$inferSelect | undefined
    let written: SavedPost['variants']
    let times = new Map<string, Date>()
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
      // Only times checked above are kept: one scheduled meanwhile is left a draft.
      if (!input.schedule) times = await keptTimes(tx, post.id, new Set(kept.keys()))
      const gone = await tx.delete(variants).where(eq(variants.postId, post.id)).returning()
      const keptIds = new Map(gone.flatMap((v) => (v.accountId ? [[v.accountId, v.id]] : [])))
      ;[post] = await tx
        .update(posts)
        .set({
          provenance: provenanceAfter(post.provenance),
          text: input.text ?? null,
          ...(pending ? { approval, approvedBy: null, approvedAt: null } : {}),
        })
        .where(eq(posts.id, post.id))
        .returning()
      if (!post) throw new Error('the post row vanished')
      const rows = variantRows(post.id, keptIds)
      written = rows.length ? await tx.insert(variants).values(rows).returning() : []
      await recordAudit(tx, auditOf(post, scheduling?.mode ?? (times.size ? 'kept' : 'draft')))
    } else {
      const id = randomUUID()
      ;({ post, variants: written } = await insertNewPost(tx, {
        userId: input.userId,
        post: newPost(id),
        variants: variantRows(id),
        audit: auditOf({ id, approval }, scheduling?.mode ?? 'draft'),
      }))
    }
    const postId = post.id
    if (input.suggestionId) {
      await linkSuggestionToPost(tx, {
        workspaceId: input.workspaceId,
        suggestionId: input.suggestionId,
        postId,
        userId: input.userId,
        now,
      })
    }
    written.sort((a, b) => a.position - b.position)
    const savedDeliveries: SavedPost['deliveries'] = []
    for (const plan of planned) {
      const variant = written.find((v) => v.position === plan.index)
      if (!variant) throw new Error('insert returned no row')
      // Scheduling was refused above for any variant without an account.
      if (!plan.account) continue
      const dueAt = scheduling
        ? await dueTimeFor(tx, scheduling, plan.account, now, postId)
        : times.get(plan.account.id)
      if (!dueAt) continue
      const inserted = await insertDeliveries(
        database,
        tx,
        {
          postId,
          variantId: variant.id,
          accountId: plan.account.id,
          segments: plan.segments.length,
        },
        dueAt,
      )
      savedDeliveries.push(...inserted)
    }
    let labels: PostLabelsRow | null = null
    if (input.labels) {
      const { shortLinkBase, ...given } = input.labels
      labels = await setPostLabels(tx, {
        ...input,
        postId,
        created: !input.postId,
        labels: given,
        shortLinkBase,
        variants: planned.map((p) => ({ ...p, link: p.variant.link ?? null })),
      })
    } else if (input.postId) {
      ;[labels = null] = await tx.select().from(postLabels).where(eq(postLabels.postId, postId))
    }
    return { post, variants: written, deliveries: savedDeliveries, labels }
  })
  return { ...saved, notice, checks }
}

/** When each account's variant of a post is due, for those scheduled (and, given, in `only`). */
async function keptTimes(
  executor: Executor,
  postId: string,
  only?: ReadonlySet<string>,
): Promise<Map<string, Date>> {
  const rows = await executor
    .select({ accountId: deliveries.accountId, dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(and(eq(deliveries.postId, postId), eq(deliveries.segment, 0)))
  return new Map(
    rows.filter((r) => !only || only.has(r.accountId)).map((r) => [r.accountId, r.dueAt]),
  )
}
