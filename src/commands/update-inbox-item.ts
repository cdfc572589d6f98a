import { and, eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import { KINDS } from '../core/inbox/classify-kind.ts'
import type { InboxStatus } from '../core/inbox/inbox-statuses.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { inboxItems, memberships } from '../store/schema/index.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { findItem } from './reply-to-inbox-item.ts'

export type InboxItemChanges = {
  status?: InboxStatus
  assigneeId?: string | null
  snoozeUntil?: string | null
  tags?: string[]
  kind?: string
}

/**
 * Triage by a person: status, assignee, snooze, tags, or a corrected kind. Snoozing needs a
 * time ahead (the item comes back by itself then); an assignee must be a member. Audited.
 */
export async function updateInboxItem(
  database: Database,
  input: {
    workspaceId: string
    userId: string
    itemId: string
    changes: InboxItemChanges
    ip?: string
    now?: Date
  },
) {
  const { db } = database
  const now = input.now ?? new Date()
  const { changes } = input
  const found = await findItem(db, input.workspaceId, input.itemId)
  const fields: Record<string, string> = {}
  const set: Partial<typeof inboxItems.$inferInsert> = { updatedAt: now }
  if (changes.kind !== undefined) {
    if (!(KINDS as readonly string[]).includes(changes.kind))
      fields.kind = `one of ${KINDS.join(', ')}`
    else {
      set.kind = changes.kind
      set.reasons = [
        `${changes.kind}: set by a person`,
        ...found.reasons.filter((r) => !/^\w+: set by a person$/.test(r)).slice(1),
      ]
    }
  }
  if (changes.tags !== undefined) {
    const tags = [...new Set(changes.tags.map((t) => t.trim()).filter(Boolean))]
    if (tags.length > 20 || tags.some((t) => t.length > 50))
      fields.tags = 'at most 20 tags of at most 50 characters'
    set.tags = tags
  }
  if (changes.assigneeId !== undefined) {
    if (changes.assigneeId !== null) {
      const [member] = await db
        .select()
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, input.workspaceId),
            eq(memberships.userId, changes.assigneeId),
          ),
        )
      if (!member) fields.assigneeId = 'not a member of this workspace'
    }
    set.assigneeId = changes.assigneeId
  }
  const snoozing =
    changes.status === 'snoozed' || (changes.snoozeUntil && changes.status === undefined)
  if (snoozing) {
    const until = changes.snoozeUntil ? Date.parse(changes.snoozeUntil) : Number.NaN
    if (!(until > now.getTime()))
      fields.snoozeUntil = 'a time ahead, when the item should come back'
    else Object.assign(set, { status: 'snoozed', snoozeUntil: new Date(until) })
  } else if (changes.status !== undefined) {
    Object.assign(set, { status: changes.status, snoozeUntil: null })
  }
  if (Object.keys(fields).length)
    throw new InvalidInputError('The item cannot be changed that way', fields)
  await db.transaction(async (tx) => {
    await tx.update(inboxItems).set(set).where(eq(inboxItems.id, found.id))
    await recordAudit(tx, {
      action: 'inbox.item_changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'inbox_item',
      targetId: found.id,
      data: { ...changes },
      ip: input.ip,
    })
  })
  await announceInboxChange(database, input.workspaceId, [found.id])
}
