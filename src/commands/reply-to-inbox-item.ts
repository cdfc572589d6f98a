import { and, eq, gte } from 'drizzle-orm'
import type { Role } from '../core/access/roles.ts'
import { roleAtLeast } from '../core/access/roles.ts'
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import { formLetterWarning } from '../core/inbox/form-letter.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import type { Executor } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { refreshMeasureUnits } from '../store/refresh-measure-units.ts'
import {
  deliveries,
  inboxItems,
  inboxReplies,
  people,
  posts,
  snippets,
  variants,
} from '../store/schema/index.ts'
import { announceInboxChange } from './announce-inbox-change.ts'
import { planVariants } from './plan-variants.ts'
import { insertDeliveries } from './write-deliveries.ts'

const FORM_LETTER_WINDOW_MS = 30 * 86_400_000

export type ReplyInput = {
  workspaceId: string
  userId: string
  role: Role
  itemId: string
  text: string
  mediaIds?: string[]
  /** The saved reply the text started from; it must be this workspace's. */
  snippetId?: string
  /** The person saw the form-letter warning and sends it anyway. */
  acknowledgeFormLetter?: boolean
  ip?: string
  now?: Date
}

/**
 * A person's reply to an inbox item: a post with provenance 'reply' whose one variant answers
 * the item on its account (Bluesky root and parent from the parent's record, Mastodon
 * in_reply_to_id), sent now by the delivery engine, so its publish key makes it go out
 * exactly once. Checked by the network's own rules first. Nearly the same text sent to three
 * or more other people in 30 days is refused until the person acknowledges it. The item gets
 * its first response and waits on them; the audit entry names the person.
 */
export async function replyToInboxItem(
  database: Database,
  secret: Buffer,
  networks: NetworkRegistry,
  input: ReplyInput,
) {
  const { db } = database
  const now = input.now ?? new Date()
  const found = await findItem(db, input.workspaceId, input.itemId)
  if (!found.accountId || !found.uri)
    throw new InvalidInputError(
      'This message did not come through a network: answer it where its sender asked',
      {
        itemId: 'a feedback-form message has no post to reply to',
      },
    )
  // A direct message reaches only who it mentions: the answer keeps its sender addressed.
  const direct = found.eventKind === 'dm'
  const text =
    direct && found.authorHandle && !mentions(input.text, found.authorHandle)
      ? `@${found.authorHandle} ${input.text}`
      : input.text
  const { planned, unknown } = await planVariants(db, secret, networks, {
    workspaceId: input.workspaceId,
    variants: [{ accountId: found.accountId, text, mediaIds: input.mediaIds ?? [] }],
  })
  const plan = planned[0]
  if (!plan?.account || unknown[0])
    throw new InvalidInputError('The account this message came to is no longer connected', {
      itemId: unknown[0] ?? 'reconnect the account to reply',
    })
  if (plan.problems.length)
    throw new InvalidInputError(plan.problems.join('; '), { text: plan.problems.join('; ') })

  if (input.snippetId) {
    const [snippet] = await db
      .select({ id: snippets.id })
      .from(snippets)
      .where(and(eq(snippets.id, input.snippetId), eq(snippets.workspaceId, input.workspaceId)))
    if (!snippet)
      throw new InvalidInputError('That snippet is not one of this workspace’s', {
        snippetId: 'no such snippet in this workspace (deleted?)',
      })
  }
  const warning = await checkFormLetter(db, input.workspaceId, found.recipientKey, input.text, now)
  if (warning && !input.acknowledgeFormLetter)
    throw new ConflictError(
      `This reply reads like a form letter: nearly the same went to ${warning.people} other people in the last 30 days. Make it personal, or send it with acknowledgeFormLetter: true`,
    )

  const account = plan.account
  const pending = !roleAtLeast(input.role, 'editor')
  const result = await db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({
        workspaceId: input.workspaceId,
        createdBy: input.userId,
        provenance: 'reply',
        approval: pending ? 'pending' : 'not_needed',
        text,
      })
      .returning()
    if (!post) throw new Error('insert returned no post')
    const [variant] = await tx
      .insert(variants)
      .values({
        postId: post.id,
        accountId: account.id,
        network: account.network,
        segments: plan.segments,
        replyTo: { uri: found.uri as string, ...(direct ? { direct: true } : {}) },
      })
      .returning()
    if (!variant) throw new Error('insert returned no variant')
    await insertDeliveries(
      database,
      tx,
      {
        postId: post.id,
        variantId: variant.id,
        accountId: account.id,
        segments: plan.segments.length,
      },
      now,
    )
    const [reply] = await tx
      .insert(inboxReplies)
      .values({
        workspaceId: input.workspaceId,
        itemId: found.id,
        postId: post.id,
        userId: input.userId,
        recipientKey: found.recipientKey,
        text: input.text,
        snippetId: input.snippetId ?? null,
        createdAt: now,
      })
      .returning()
    await tx
      .update(inboxItems)
      .set({
        firstResponseAt: found.firstResponseAt ?? now,
        firstResponderId: found.firstResponseAt ? found.firstResponderId : input.userId,
        status: 'waiting',
        snoozeUntil: null,
        updatedAt: now,
      })
      .where(eq(inboxItems.id, found.id))
    // A first answer to a reply under one of our posts changes that post's Measure rows.
    if (!found.firstResponseAt && found.eventKind === 'reply' && found.subjectUri) {
      const answered = await tx
        .select({ postId: deliveries.postId })
        .from(deliveries)
        .where(eq(deliveries.uri, found.subjectUri))
      await refreshMeasureUnits(
        tx,
        answered.map((d) => d.postId),
      )
    }
    await recordAudit(tx, {
      action: 'inbox.replied',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'inbox_item',
      targetId: found.id,
      data: {
        postId: post.id,
        accountId: account.id,
        approval: post.approval,
        ...(input.snippetId ? { snippetId: input.snippetId } : {}),
        ...(warning ? { formLetterAcknowledged: warning.people } : {}),
      },
      ip: input.ip,
    })
    return { post, reply }
  })
  await announceInboxChange(database, input.workspaceId, [found.id])
  return {
    postId: result.post.id,
    replyId: result.reply?.id ?? null,
    approval: result.post.approval,
  }
}

/** The other people who got nearly this text in the last 30 days, when there are three or more. */
export async function checkFormLetter(
  executor: Executor,
  workspaceId: string,
  recipientKey: string,
  text: string,
  now: Date,
) {
  const sent = await executor
    .select({ text: inboxReplies.text, personKey: inboxReplies.recipientKey })
    .from(inboxReplies)
    .where(
      and(
        eq(inboxReplies.workspaceId, workspaceId),
        gte(inboxReplies.createdAt, new Date(now.getTime() - FORM_LETTER_WINDOW_MS)),
      ),
    )
  return formLetterWarning(text, sent, recipientKey)
}

/** The item, and who it is from as one key (the merged person, else the item itself). */
export async function findItem(executor: Executor, workspaceId: string, itemId: string) {
  const [row] = await executor
    .select({ item: inboxItems, personId: people.personId, authorHandle: people.handle })
    .from(inboxItems)
    .leftJoin(people, eq(people.id, inboxItems.authorId))
    .where(and(eq(inboxItems.id, itemId), eq(inboxItems.workspaceId, workspaceId)))
  if (!row) throw new NotFoundError('That inbox item')
  return {
    ...row.item,
    authorHandle: row.authorHandle,
    recipientKey: row.personId ?? `item:${row.item.id}`,
  }
}

/** Whether the text already names `user@host` (or `user` alone, as a reply from the same instance may). */
function mentions(text: string, handle: string): boolean {
  const user = handle.split('@')[0] ?? handle
  const escapeRegExp = (value: string) => value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
  return new RegExp(
    `(^|[^\\w@])@(${escapeRegExp(handle)}|${escapeRegExp(user)})(?![\\w@.-]*\\w)`,
    'i',
  ).test(text)
}
