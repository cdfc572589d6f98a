import { and, eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { identitiesOf } from '../store/queries/inbox-person.ts'
import { recordAudit } from '../store/record-audit.ts'
import { people, routingRules } from '../store/schema/index.ts'

/**
 * A person says two identities are one person (never done automatically): the identity, with
 * every identity already merged with it, joins `personId`. Routing rules that named the
 * absorbed person name this one from now on. Audited with both sides, so it can be undone
 * identity by identity (split-identity.ts).
 */
export async function mergeIdentities(
  db: Db,
  input: { workspaceId: string; userId: string; personId: string; identityId: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const into = await identitiesOf(tx, input.workspaceId, input.personId)
    if (into.length === 0) throw new NotFoundError('That person')
    const [identity] = await tx
      .select()
      .from(people)
      .where(and(eq(people.id, input.identityId), eq(people.workspaceId, input.workspaceId)))
    if (!identity) throw new NotFoundError('That identity')
    if (identity.personId === input.personId)
      throw new ConflictError(`@${identity.handle} is already part of this person`)
    const absorbed = identity.personId
    const moved = await tx
      .update(people)
      .set({ personId: input.personId })
      .where(and(eq(people.workspaceId, input.workspaceId), eq(people.personId, absorbed)))
      .returning()
    const rules = await tx
      .select()
      .from(routingRules)
      .where(eq(routingRules.workspaceId, input.workspaceId))
    for (const rule of rules) {
      const named = rule.conditions.personIds
      if (!named?.includes(absorbed)) continue
      const personIds = [...new Set(named.map((id) => (id === absorbed ? input.personId : id)))]
      await tx
        .update(routingRules)
        .set({ conditions: { ...rule.conditions, personIds } })
        .where(eq(routingRules.id, rule.id))
    }
    await recordAudit(tx, {
      action: 'person.merged',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'person',
      targetId: input.personId,
      data: {
        absorbedPersonId: absorbed,
        identities: moved.map((p) => ({ id: p.id, network: p.network, handle: p.handle })),
        into: into.map((p) => ({ id: p.id, network: p.network, handle: p.handle })),
      },
      ip: input.ip,
    })
    return [...into, ...moved]
  })
}
