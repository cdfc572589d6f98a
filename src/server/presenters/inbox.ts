import { z } from '@hono/zod-openapi'
import { InvalidInputError } from '../../core/errors.ts'
import { responseClock } from '../../core/inbox/response-clock.ts'
import type { HydratedItem } from '../../store/queries/hydrate-inbox-items.ts'
import type { InboxCursor } from '../../store/queries/inbox-page.ts'
import type { InboxSettings } from '../../store/queries/inbox-settings.ts'
import type { people } from '../../store/schema/index.ts'
import { pageSchema } from './page.ts'

export const PersonSchema = z
  .object({
    id: z.uuid(),
    personId: z.uuid(),
    network: z.string(),
    handle: z.string(),
    displayName: z.string(),
    bio: z.string(),
    avatarUrl: z.string().nullable(),
    followersCount: z.number().int().nullable(),
  })
  .openapi('InboxPerson')

export const InboxItemSchema = z
  .object({
    id: z.uuid(),
    source: z.enum(['network', 'feedback-form', 'listening']),
    eventKind: z.string().openapi({
      description: 'mention, reply, quote, dm, feedback, or post (a post a saved search matched)',
    }),
    account: z.object({ id: z.uuid(), handle: z.string(), network: z.string() }).nullable(),
    author: PersonSchema.nullable(),
    sender: z.object({ name: z.string().nullable(), contact: z.string().nullable() }).nullable(),
    text: z.string().openapi({ description: 'Plain text, never HTML: show it as text' }),
    url: z.string().nullable(),
    uri: z.string().nullable(),
    subjectUri: z.string().nullable(),
    conversationKey: z.string(),
    createdAt: z.string(),
    kind: z.string(),
    sentiment: z.string(),
    reasons: z.array(z.string()),
    rule: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    assigneeId: z.uuid().nullable(),
    tags: z.array(z.string()),
    priority: z.enum(['normal', 'high']),
    status: z.enum(['open', 'waiting', 'done', 'snoozed']),
    snoozeUntil: z.string().nullable(),
    firstResponseAt: z.string().nullable(),
    waitedMs: z.number().openapi({ description: 'Business time waited for the first response' }),
    dueAt: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi('InboxItem')

export const InboxPageSchema = pageSchema(InboxItemSchema).openapi('InboxPage')

export type InboxItemView = z.infer<typeof InboxItemSchema>

/** One network identity of a person, as the inbox shows it. */
export const presentIdentity = (p: typeof people.$inferSelect): z.infer<typeof PersonSchema> => ({
  id: p.id,
  personId: p.personId,
  network: p.network,
  handle: p.handle,
  displayName: p.displayName,
  bio: p.bio,
  avatarUrl: p.avatarUrl,
  followersCount: p.followersCount,
})

export function presentInboxItem(
  { item, author, account }: HydratedItem,
  settings: InboxSettings,
  now: Date,
): InboxItemView {
  const clock = responseClock(
    {
      createdAt: item.createdAt.getTime(),
      firstResponseAt: item.firstResponseAt?.getTime() ?? null,
      status: item.status,
    },
    settings,
    now.getTime(),
  )
  return {
    id: item.id,
    source: item.source,
    eventKind: item.eventKind,
    account,
    author: author ? presentIdentity(author) : null,
    sender:
      item.source === 'feedback-form'
        ? { name: item.senderName, contact: item.senderContact }
        : null,
    text: item.text,
    url: item.url,
    uri: item.uri,
    subjectUri: item.subjectUri,
    conversationKey: item.conversationKey,
    createdAt: item.createdAt.toISOString(),
    kind: item.kind,
    sentiment: item.sentiment,
    reasons: item.reasons,
    rule: item.ruleId && item.ruleName ? { id: item.ruleId, name: item.ruleName } : null,
    assigneeId: item.assigneeId,
    tags: item.tags,
    priority: item.priority > 0 ? 'high' : 'normal',
    status: item.status,
    snoozeUntil: item.snoozeUntil?.toISOString() ?? null,
    firstResponseAt: item.firstResponseAt?.toISOString() ?? null,
    waitedMs: clock.waitedMs,
    dueAt: Number.isFinite(clock.dueAt) ? new Date(clock.dueAt).toISOString() : null,
    overdue: clock.overdue,
  }
}

/** The page cursor: where the last item sits in the list's order, opaque to clients. */
export function inboxCursorOf(view: InboxItemView): string {
  const cursor: InboxCursor = {
    priority: view.priority === 'high' ? 1 : 0,
    createdAt: view.createdAt,
    id: view.id,
  }
  return Buffer.from(JSON.stringify(cursor)).toString('base64url')
}

export function readInboxCursor(before: string | undefined): InboxCursor | null {
  if (!before) return null
  try {
    const cursor = JSON.parse(Buffer.from(before, 'base64url').toString()) as InboxCursor
    if (
      (cursor.priority === 0 || cursor.priority === 1) &&
      !Number.isNaN(Date.parse(cursor.createdAt)) &&
      /^[0-9a-f-]{36}$/.test(cursor.id)
    )
      return cursor
  } catch {}
  throw new InvalidInputError('That page cursor is not one Sous gave out', {
    before: 'pass back the `next` of the previous page',
  })
}
