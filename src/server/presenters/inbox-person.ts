import { z } from '@hono/zod-openapi'
import type { inboxItems, people } from '../../store/schema/index.ts'
import { PersonSchema, presentIdentity } from './inbox.ts'

export const InboxMessageSchema = z.object({
  id: z.uuid(),
  text: z.string(),
  createdAt: z.string(),
  kind: z.string(),
  sentiment: z.string(),
  accountId: z.uuid().nullable(),
  url: z.string().nullable(),
})

export const InboxPersonViewSchema = z
  .object({
    personId: z.uuid(),
    identities: z.array(PersonSchema),
    history: z.array(InboxMessageSchema),
  })
  .openapi('InboxPersonView')

type MessageRow = typeof inboxItems.$inferSelect
type IdentityRow = typeof people.$inferSelect

export const presentMessage = (m: MessageRow): z.infer<typeof InboxMessageSchema> => ({
  id: m.id,
  text: m.text,
  createdAt: m.createdAt.toISOString(),
  kind: m.kind,
  sentiment: m.sentiment,
  accountId: m.accountId,
  url: m.url,
})

/** One person across networks: each identity's profile and their messages, newest first. */
export function presentPersonView(view: {
  personId: string
  identities: IdentityRow[]
  history: MessageRow[]
}): z.infer<typeof InboxPersonViewSchema> {
  return {
    personId: view.personId,
    identities: view.identities.map(presentIdentity),
    history: view.history.map(presentMessage),
  }
}
