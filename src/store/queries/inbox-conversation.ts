import { and, desc, eq, inArray, or } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { deliveries, inboxItems, inboxReplies, people, variants } from '../schema/index.ts'
import type { HydratedItem } from './hydrate-inbox-items.ts'

const HISTORY = 50

export type Conversation = Awaited<ReturnType<typeof loadConversation>>

/**
 * What an item is part of: the other messages of its conversation, our published post it is
 * about (the thread root or the subject, found by its address among our deliveries), our
 * replies in it, and its person: every identity merged into them and their other messages.
 */
export async function loadConversation(executor: Executor, { item, author }: HydratedItem) {
  const uris = [item.conversationKey, ...(item.subjectUri ? [item.subjectUri] : [])]
  const [messages, ours, identities] = await Promise.all([
    executor
      .select()
      .from(inboxItems)
      .where(
        and(
          eq(inboxItems.workspaceId, item.workspaceId),
          eq(inboxItems.conversationKey, item.conversationKey),
        ),
      )
      .orderBy(inboxItems.createdAt)
      .limit(HISTORY),
    executor
      .select({
        uri: deliveries.uri,
        url: deliveries.url,
        segments: variants.segments,
        postId: deliveries.postId,
        publishedAt: deliveries.publishedAt,
      })
      .from(deliveries)
      .innerJoin(variants, eq(variants.id, deliveries.variantId))
      .where(inArray(deliveries.uri, uris))
      .limit(2),
    author
      ? executor.select().from(people).where(eq(people.personId, author.personId))
      : Promise.resolve([]),
  ])
  const identityIds = identities.map((i) => i.id)
  const [history, replies] = await Promise.all([
    identityIds.length
      ? executor
          .select()
          .from(inboxItems)
          .where(inArray(inboxItems.authorId, identityIds))
          .orderBy(desc(inboxItems.createdAt))
          .limit(HISTORY)
      : Promise.resolve([]),
    executor
      .select()
      .from(inboxReplies)
      .where(
        or(
          inArray(
            inboxReplies.itemId,
            messages.map((m) => m.id),
          ),
          eq(inboxReplies.itemId, item.id),
        ),
      )
      .orderBy(inboxReplies.createdAt),
  ])
  return { messages, ours: ours[0] ?? null, identities, history, replies }
}
