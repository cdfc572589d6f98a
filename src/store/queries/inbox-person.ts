import { and, desc, eq, inArray } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { inboxItems, people } from '../schema/index.ts'

const HISTORY = 50

/** A person as the inbox knows them: every identity merged into them and their latest messages. */
export async function loadInboxPerson(executor: Executor, workspaceId: string, personId: string) {
  const identities = await identitiesOf(executor, workspaceId, personId)
  if (identities.length === 0) return null
  const history = await executor
    .select()
    .from(inboxItems)
    .where(
      inArray(
        inboxItems.authorId,
        identities.map((i) => i.id),
      ),
    )
    .orderBy(desc(inboxItems.createdAt))
    .limit(HISTORY)
  return { personId, identities, history }
}

/** The identities of one person in a workspace, by network and handle. */
export async function identitiesOf(executor: Executor, workspaceId: string, personId: string) {
  return executor
    .select()
    .from(people)
    .where(and(eq(people.workspaceId, workspaceId), eq(people.personId, personId)))
    .orderBy(people.network, people.handle)
}
