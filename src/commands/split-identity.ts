import { randomUUID } from 'node:crypto'
import { eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { identitiesOf } from '../store/queries/inbox-person.ts'
import { recordAudit } from '../store/record-audit.ts'
import { people } from '../store/schema/index.ts'

/**
 * Undoes a merge for one identity: it becomes a person of its own again (a new person id, so
 * the rest keep theirs and the rules that name them). Its messages go with it. Audited.
 */
export async function splitIdentity(
  db: Db,
  input: { workspaceId: string; userId: string; personId: string; identityId: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const identities = await identitiesOf(tx, input.workspaceId, input.personId)
    const identity = identities.find((p) => p.id === input.identityId)
    if (!identity) throw new NotFoundError('That identity of this person')
    if (identities.length === 1)
      throw new ConflictError(
        `@${identity.handle} is this person’s only identity: nothing to split`,
      )
    const personId = randomUUID()
    await tx.update(people).set({ personId }).where(eq(people.id, identity.id))
    await recordAudit(tx, {
      action: 'person.unmerged',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'person',
      targetId: input.personId,
      data: {
        identity: { id: identity.id, network: identity.network, handle: identity.handle },
        newPersonId: personId,
      },
      ip: input.ip,
    })
    return {
      remaining: identities.filter((p) => p.id !== identity.id),
      split: { ...identity, personId },
    }
  })
}
