import { and, desc, eq, ilike, inArray, or } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { inboxItems, people } from '../schema/index.ts'
import { containsPattern } from './contains-pattern.ts'

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

/**
 * Identities of the workspace whose handle or name contains `search`, or that belong to the
 * people in `personIds` (to name the people a rule already picks), by handle.
 */
export async function findInboxIdentities(
  executor: Executor,
  workspaceId: string,
  options: { search?: string; personIds?: string[]; limit: number },
) {
  const like = options.search ? containsPattern(options.search) : null
  if (!like && !options.personIds?.length) return []
  return executor
    .select()
    .from(people)
    .where(
      and(
        eq(people.workspaceId, workspaceId),
        or(
          like ? or(ilike(people.handle, like), ilike(people.displayName, like)) : undefined,
          options.personIds?.length ? inArray(people.personId, options.personIds) : undefined,
        ),
      ),
    )
    .orderBy(people.handle, people.network)
    .limit(options.limit)
}
