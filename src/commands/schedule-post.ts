import { randomUUID } from 'node:crypto'
import { and, eq, inArray, isNull, notInArray } from 'drizzle-orm'
import type { Role } from '../core/access/roles.ts'
import { roleAtLeast } from '../core/access/roles.ts'
import { checkVariant, type DraftSegment, sameTextNotice } from '../core/compose/check-variant.ts'
import { InvalidInputError } from '../core/errors.ts'
import { nextFreeSlot } from '../core/schedule/queue-slots.ts'
import { deliverJobKey, deliverSpec } from '../jobs/deliver-spec.ts'
import { enqueueMany } from '../jobs/enqueue.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import type { Tx } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, deliveries, media, posts, variants, workspaces } from '../store/schema/index.ts'
import type { LinkValue } from '../store/schema/posts.ts'
import { openAccountSession } from './open-account-session.ts'

export type VariantInput = {
  accountId: string
  text: string
  mediaIds?: string[]
  link?: LinkValue
  thread?: Array<{ text: string; mediaIds?: string[] }>
  contentWarning?: string
  language?: string
}

export type ScheduleInput = {
  workspaceId: string
  userId: string
  role: Role
  variants: VariantInput[]
  schedule: { at?: string; slot?: boolean; now?: boolean }
  provenance?: 'suggestion' | 'reply'
  ip?: string
  now?: Date
}

/**
 * Turns one idea into checked variants and their deliveries. Every variant is checked by
 * its network's own rules first; any problem refuses the whole post (422, the reasons per
 * variant) and nothing is scheduled. Each delivery's publish key is fixed here, before any
 * attempt. A contributor's post waits for approval.
 */
export async function schedulePost(
  database: Database,
  secret: Buffer,
  networks: NetworkRegistry,
  input: ScheduleInput,
) {
  const { db } = database
  const now = input.now ?? new Date()
  const accountIds = [...new Set(input.variants.map((v) => v.accountId))]
  const rows = await db
    .select()
    .from(accounts)
    .where(
      and(
        eq(accounts.workspaceId, input.workspaceId),
        inArray(accounts.id, accountIds),
        isNull(accounts.disconnectedAt),
      ),
    )
  const mediaIds = [
    ...new Set(
      input.variants.flatMap((v) => [
        ...(v.mediaIds ?? []),
        ...(v.thread ?? []).flatMap((s) => s.mediaIds ?? []),
      ]),
    ),
  ]
  const images = mediaIds.length
    ? await db
        .select({
          id: media.id,
          mimeType: media.mimeType,
          size: media.size,
          altText: media.altText,
        })
        .from(media)
        .where(and(eq(media.workspaceId, input.workspaceId), inArray(media.id, mediaIds)))
    : []
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, input.workspaceId))

  const fields: Record<string, string> = {}
  const mode = input.schedule.now
    ? 'now'
    : input.schedule.slot
      ? 'slot'
      : input.schedule.at
        ? 'at'
        : null
  if (
    !mode ||
    [input.schedule.now, input.schedule.slot, input.schedule.at].filter(Boolean).length > 1
  ) {
    fields.schedule = 'give exactly one of at, slot or now'
  }
  const at = input.schedule.at ? new Date(input.schedule.at) : undefined
  if (mode === 'at' && (!at || Number.isNaN(at.getTime())))
    fields['schedule.at'] = 'not a date and time'
  else if (mode === 'at' && at && at.getTime() <= now.getTime())
    fields['schedule.at'] = 'that time has passed'
  if (input.variants.length === 0) fields.variants = 'at least one account'
  if (accountIds.length !== input.variants.length) fields.variants = 'one variant per account'

  const planned = input.variants.map((variant, index) => {
    const account = rows.find((r) => r.id === variant.accountId)
    const key = `variants.${index}`
    if (!account) {
      fields[key] = 'that account is not connected in this workspace'
      return undefined
    }
    const adapter = networks.adapterFor(account.network)
    let capabilities = adapter.capabilities
    try {
      capabilities = adapter.capabilitiesFor(openAccountSession(db, secret, account).credentials)
    } catch (error) {
      if (!(error instanceof CredentialsUnreadableError)) throw error
      fields[key] = error.message
      return undefined
    }
    const segmentsIn = [
      { text: variant.text, mediaIds: variant.mediaIds ?? [] },
      ...(variant.thread ?? []),
    ]
    const missing = segmentsIn
      .flatMap((s) => s.mediaIds ?? [])
      .filter((id) => !images.some((i) => i.id === id))
    const segments: DraftSegment[] = segmentsIn.map((s) => ({
      text: s.text,
      images: (s.mediaIds ?? []).flatMap((id) => images.filter((i) => i.id === id)),
    }))
    const problems = [
      ...missing.map((id) => `image ${id} is not in this workspace's media library`),
      ...checkVariant(segments, capabilities, {
        requireAltText: workspace?.requireAltText ?? true,
        contentWarning: variant.contentWarning,
      }),
    ]
    if (account.state !== 'ok')
      problems.push(`${account.handle} needs attention: ${account.stateReason ?? 'reconnect it'}`)
    if (mode === 'slot' && account.queueSlots.length === 0) {
      problems.push(`${account.handle} has no queue slots: add some, or pick a time`)
    }
    if (problems.length) fields[key] = problems.join('; ')
    return { variant, account, adapter, segmentsIn }
  })
  if (Object.keys(fields).length) {
    throw new InvalidInputError('The post cannot be scheduled as it is: see each variant', fields)
  }

  const approval = roleAtLeast(input.role, 'editor')
    ? ('not_needed' as const)
    : ('pending' as const)
  const provenance = input.provenance ?? (mode === 'now' ? 'live' : 'scheduled')
  const notice = sameTextNotice(
    planned.flatMap((p) => (p ? [{ network: p.adapter.displayName, text: p.variant.text }] : [])),
  )

  return db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({ workspaceId: input.workspaceId, createdBy: input.userId, provenance, approval })
      .returning()
    if (!post) throw new Error('insert returned no row')
    const firstRuns: Array<{ deliveryId: string; runAt: Date }> = []
    for (const plan of planned) {
      if (!plan) continue
      const dueAt =
        mode === 'now' ? now : mode === 'at' && at ? at : await slotFor(tx, plan.account, now)
      const [variant] = await tx
        .insert(variants)
        .values({
          postId: post.id,
          accountId: plan.account.id,
          segments: plan.segmentsIn.map((s) => ({ text: s.text, mediaIds: s.mediaIds ?? [] })),
          link: plan.variant.link ?? null,
          contentWarning: plan.variant.contentWarning ?? null,
          language: plan.variant.language ?? null,
        })
        .returning()
      if (!variant) throw new Error('insert returned no row')
      const rowsToInsert = plan.segmentsIn.map((_, segment) => {
        const id = randomUUID()
        return {
          id,
          postId: post.id,
          variantId: variant.id,
          accountId: plan.account.id,
          segment,
          state: 'scheduled' as const,
          dueAt,
          runAt: dueAt,
          // Fixed before the first attempt; every retry sends it again (exactly-once).
          publishKey: id,
        }
      })
      await tx.insert(deliveries).values(rowsToInsert)
      const first = rowsToInsert[0]
      if (first) firstRuns.push({ deliveryId: first.id, runAt: dueAt })
    }
    await enqueueMany(
      database,
      deliverSpec,
      firstRuns.map((r) => ({
        payload: { deliveryId: r.deliveryId },
        runAt: r.runAt,
        uniqueKey: deliverJobKey(r.deliveryId, r.runAt),
      })),
      { executor: tx },
    )
    await recordAudit(tx, {
      action: 'post.scheduled',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'post',
      targetId: post.id,
      data: { mode, approval, accounts: accountIds },
      ip: input.ip,
    })
    return { post, notice }
  })
}

type AccountRow = typeof accounts.$inferSelect

/** The account's next queue slot no other post of it holds. */
async function slotFor(tx: Tx, account: AccountRow, now: Date) {
  const held = await tx
    .select({ dueAt: deliveries.dueAt })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.accountId, account.id),
        eq(deliveries.segment, 0),
        notInArray(deliveries.state, ['failed']),
      ),
    )
  const instant = nextFreeSlot(
    account.queueSlots,
    account.timeZone,
    now,
    new Set(held.map((h) => h.dueAt.getTime())),
  )
  if (instant === null)
    throw new InvalidInputError(`${account.handle} has no free queue slot within a year`)
  return new Date(instant)
}
