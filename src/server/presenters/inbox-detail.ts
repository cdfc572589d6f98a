import { z } from '@hono/zod-openapi'
import type { HydratedItem } from '../../store/queries/hydrate-inbox-items.ts'
import type { Conversation } from '../../store/queries/inbox-conversation.ts'
import type { InboxSettings } from '../../store/queries/inbox-settings.ts'
import { InboxItemSchema, presentInboxItem } from './inbox.ts'
import {
  InboxMessageSchema,
  InboxPersonViewSchema,
  presentMessage,
  presentPersonView,
} from './inbox-person.ts'

export const InboxDetailSchema = z
  .object({
    item: InboxItemSchema,
    conversation: z.object({
      key: z.string(),
      ourPost: z
        .object({ uri: z.string(), url: z.string().nullable(), text: z.string(), postId: z.uuid() })
        .nullable(),
      messages: z.array(InboxMessageSchema),
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
    person: InboxPersonViewSchema.nullable(),
  })
  .openapi('InboxItemDetail')

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
      messages: conversation.messages.map(presentMessage),
      replies: conversation.replies.map((r) => ({
        id: r.id,
        itemId: r.itemId,
        text: r.text,
        userId: r.userId,
        createdAt: r.createdAt.toISOString(),
      })),
    },
    person: hydrated.author
      ? presentPersonView({
          personId: hydrated.author.personId,
          identities: conversation.identities,
          history: conversation.history,
        })
      : null,
  }
}
