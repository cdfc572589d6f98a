import { and, eq, gte, sql } from 'drizzle-orm'
import { ConflictError, InvalidInputError, NotFoundError } from '../core/errors.ts'
import { formLetterWarning } from '../core/inbox/form-letter.ts'
import { mentionsHandle, withoutMentions } from '../core/people/note-text.ts'
import type { NetworkRegistry } from '../networks/registry.ts'
import type { Database } from '../store/connect.ts'
import { accountPerson } from '../store/queries/account-person.ts'
import { workspaceAccount } from '../store/queries/workspace-account.ts'
import { recordAudit } from '../store/record-audit.ts'
import { inboxReplies, peopleNotes, posts, variants } from '../store/schema/index.ts'
import { planVariants } from './plan-variants.ts'
import { insertDeliveries } from './write-deliveries.ts'

const FORM_LETTER_WINDOW_MS = 30 * 86_400_000

export type FollowerNote = {
  workspaceId: string
  accountId: string
  profileId: string
  userId: string
  /** Written by the person; it must mention them. Sous offers no template. */
  text: string
  /** The person saw the form-letter warning and sends it anyway. */
  acknowledgeFormLetter?: boolean
  ip?: string | null
  now?: Date
}

/**
 * A personal note to one person from the people pages: a post written live (provenance
 * "live") that mentions them — a direct message where the network has them — sent now by the delivery engine, exactly once. Nearly the same
 * words (mentions aside) sent to three or more other people in 30 days, as notes or inbox
 * replies, are refused until the person acknowledges it, as in the inbox.
 */
export async function writeFollowerNote(
  database: Database,
  secret: Buffer,
  networks: NetworkRegistry,
  input: FollowerNote,
) {
  const { db } = database
  const now = input.now ?? new Date()
  const account = await workspaceAccount(db, input.workspaceId, input.accountId)
  const person = await accountPerson(db, account.id, input.profileId)
  if (!person || person.goneAt)
    throw new NotFoundError(`${input.profileId} among @${account.handle}'s people`)
  if (!mentionsHandle(input.text, person.handle)) {
    throw new InvalidInputError(`A note reaches @${person.handle} only if it mentions them`, {
      text: `mention @${person.handle}`,
    })
  }
  const { planned } = await planVariants(db, secret, networks, {
    workspaceId: input.workspaceId,
    variants: [{ accountId: account.id, text: input.text }],
  })
  const plan = planned[0]
  if (!plan?.account) throw new NotFoundError('Account')
  if (plan.problems.length) {
    throw new InvalidInputError(plan.problems.join('; '), { text: plan.problems.join('; ') })
  }
  const recipientKey = await recipientOf(
    database,
    input.workspaceId,
    account.network,
    person.profileId,
  )
  const warning = formLetterWarning(
    withoutMentions(input.text),
    await sentLately(database, input.workspaceId, now),
    recipientKey,
  )
  if (warning && !input.acknowledgeFormLetter) {
    throw new ConflictError(
      `This note reads like a form letter: nearly the same went to ${warning.people} other people in the last 30 days. Make it personal, or send it with acknowledgeFormLetter: true`,
    )
  }
  // Where the network has direct messages, the note goes to them alone (Mastodon: a
  // direct-visibility status that mentions them); elsewhere it is a post that mentions them.
  const direct = networks.adapterFor(account.network).capabilities.directMessages
  return db.transaction(async (tx) => {
    const [post] = await tx
      .insert(posts)
      .values({
        workspaceId: input.workspaceId,
        createdBy: input.userId,
        provenance: 'live',
        approval: 'not_needed',
        text: input.text,
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
        ...(direct ? { visibility: 'direct' as const } : {}),
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
    await tx.insert(peopleNotes).values({
      workspaceId: input.workspaceId,
      accountId: account.id,
      profileId: person.profileId,
      postId: post.id,
      userId: input.userId,
      recipientKey,
      text: input.text,
      createdAt: now,
    })
    await recordAudit(tx, {
      action: 'person.noted',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'profile',
      targetId: person.profileId,
      data: {
        postId: post.id,
        accountId: account.id,
        handle: person.handle,
        direct,
        ...(warning ? { formLetterAcknowledged: warning.people } : {}),
      },
      ip: input.ip ?? null,
    })
    return { postId: post.id }
  })
}

/** The inbox's person for this identity (merged across networks), else the profile itself. */
async function recipientOf(
  database: Database,
  workspaceId: string,
  network: string,
  profileId: string,
) {
  const { rows } = await database.db.execute<{ person_id: string }>(sql`
    select person_id from people
    where workspace_id = ${workspaceId} and network = ${network} and network_id = ${profileId}`)
  return rows[0]?.person_id ?? `profile:${network}:${profileId}`
}

async function sentLately(database: Database, workspaceId: string, now: Date) {
  const since = new Date(now.getTime() - FORM_LETTER_WINDOW_MS)
  const [notes, replies] = await Promise.all([
    database.db
      .select({ text: peopleNotes.text, personKey: peopleNotes.recipientKey })
      .from(peopleNotes)
      .where(and(eq(peopleNotes.workspaceId, workspaceId), gte(peopleNotes.createdAt, since))),
    database.db
      .select({ text: inboxReplies.text, personKey: inboxReplies.recipientKey })
      .from(inboxReplies)
      .where(and(eq(inboxReplies.workspaceId, workspaceId), gte(inboxReplies.createdAt, since))),
  ])
  return [...notes, ...replies].map((s) => ({ ...s, text: withoutMentions(s.text) }))
}
