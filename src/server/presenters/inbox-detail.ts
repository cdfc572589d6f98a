import { z } from '@hono/zod-openapi'
import type { HydratedItem } from '../../store/queries/hydrate-inbox-items.ts'
import type { Conversation } from '../../store/queries/inbox-conversation.ts'
import type { InboxSettings } from '../../store/queries/inbox-settings.ts'
import { InboxItemSchema, PersonSchema, presentInboxItem } from './inbox.ts'

const MessageSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  createdAt: z.string(),
  kind: z.string(),
  sentiment: z.string(),
  accountId: z.uuid().nullable(),
  url: z.string().nullable(),
})

export const InboxDetailSchema = z
  .object({
    item: InboxItemSchema,
    conversation: z.object({
      key: z.string(),
      ourPost: z
        .object({ uri: z.string(), url: z.string().nullable(), text: z.string(), postId: z.uuid() })
        .nullable(),
      messages: z.array(MessageSchema),
      replies: z.array(
        z.object({
          id: z.uuid(),
          itemId: z.uuid(),
          text: z.string(),
          userId: z.uuid().nullable(),
          createdAt: z.string(),
        }),
      ),
    }),
    person: z
      .object({
        personId: z.uuid(),
        identities: z.array(PersonSchema),
        history: z.array(MessageSchema),
      })
      .nullable(),
  })
  .openapi('InboxItemDetail')

type MessageRow = Conversation['messages'][number]

const message = (m: MessageRow) => ({
  id: m.id,
  text: m.text,
  createdAt: m.createdAt.toISOString(),
  kind: m.kind,
  sentiment: m.sentiment,
  accountId: m.accountId,
  url: m.url,
})

export function presentInboxDetail(
  hydrated: HydratedItem,
  conversation: Conversation,
  settings: InboxSettings,
  now: Date,
): z.infer<typeof InboxDetailSchema> {
  const { ours } = conversation
  return {
    item: presentInboxItem(hydrated, settings, now),
    conversation: {
      key: hydrated.item.conversationKey,
      ourPost: ours?.uri
        ? {
            uri: ours.uri,
            url: ours.url,
            text: ours.segments.map((s) => s.text).join('\n\n'),
            postId: ours.postId,
          }
        : null,
      messages: conversation.messages.map(message),
      replies: conversation.replies.map((r) => ({
        id: r.id,
        itemId: r.itemId,
        text: r.text,
        userId: r.userId,
        createdAt: r.createdAt.toISOString(),
      })),
    },
    person: hydrated.author
      ? {
          personId: hydrated.author.personId,
          identities: conversation.identities.map((p) => ({
            id: p.id,
            personId: p.personId,
            network: p.network,
            handle: p.handle,
            displayName: p.displayName,
            bio: p.bio,
            avatarUrl: p.avatarUrl,
            followersCount: p.followersCount,
          })),
          history: conversation.history.map(message),
        }
      : null,
  }
}
