import { randomUUID } from 'node:crypto'
import { and, count, eq, gt, min, sql } from 'drizzle-orm'
import { ThrottledError } from '../core/errors.ts'
import { FEEDBACK_RATE, type Feedback } from '../core/inbox/feedback-form.ts'
import { routeItem } from '../core/inbox/routing-rules.ts'
import { triage } from '../core/inbox/triage.ts'
import type { Database } from '../store/connect.ts'
import { loadRoutingRules } from '../store/queries/routing-rules.ts'
import { inboxItems } from '../store/schema/index.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { applyRouting } from './ingest-inbox-events.ts'

/**
 * A message from the public feedback form becomes an inbox item of source `feedback-form`,
 * classified and routed by the workspace's rules like any other. At most FEEDBACK_RATE
 * messages per sender address (a keyed hash) and workspace in the window: the count and the
 * insert run under one advisory lock per sender, so a burst of simultaneous posts cannot all
 * slip under the limit (fails closed: a throttled message is refused, not queued).
 */
export async function submitFeedback(
  database: Database,
  input: { workspaceId: string; senderKey: string; feedback: Feedback; now?: Date },
): Promise<{ itemId: string }> {
  const { workspaceId, senderKey, feedback } = input
  const now = input.now ?? new Date()
  const rules = await loadRoutingRules(database.db, workspaceId)
  const triaged = triage(feedback.message)
  const routed = applyRouting(
    triaged,
    routeItem(rules, {
      accountId: null,
      network: null,
      kind: triaged.kind,
      sentiment: triaged.sentiment,
      text: feedback.message,
      personId: null,
      follower: false,
      source: 'feedback-form',
    }),
  )
  const id = randomUUID()
  await database.db.transaction(async (tx) => {
    await tx.execute(
      sql`select pg_advisory_xact_lock(hashtextextended(${`sous.feedback:${workspaceId}:${senderKey}`}, 0))`,
    )
    const since = new Date(now.getTime() - FEEDBACK_RATE.windowMs)
    const [recent] = await tx
      .select({ sent: count(), oldest: min(inboxItems.receivedAt) })
      .from(inboxItems)
      .where(
        and(
          eq(inboxItems.workspaceId, workspaceId),
          eq(inboxItems.senderKey, senderKey),
          gt(inboxItems.receivedAt, since),
        ),
      )
    if (recent && recent.sent >= FEEDBACK_RATE.messages) {
      const freeAt = (recent.oldest?.getTime() ?? now.getTime()) + FEEDBACK_RATE.windowMs
      const seconds = Math.max(1, Math.ceil((freeAt - now.getTime()) / 1000))
      throw new ThrottledError(
        `Too many messages from your address: try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? 's' : ''}`,
        seconds,
      )
    }
    await tx.insert(inboxItems).values({
      id,
      workspaceId,
      source: 'feedback-form',
      dedupeKey: `feedback:${id}`,
      eventKind: 'feedback',
      text: feedback.message,
      conversationKey: `feedback:${id}`,
      senderName: feedback.name,
      senderContact: feedback.contact,
      senderKey,
      createdAt: now,
      receivedAt: now,
      ...routed,
      status: routed.status as 'open' | 'done',
    })
  })
  await announceInboxChange(database, workspaceId, [id])
  return { itemId: id }
}
