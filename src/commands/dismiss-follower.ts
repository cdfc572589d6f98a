import { and, eq } from 'drizzle-orm'
import { ConflictError, NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { workspaceAccount } from '../store/queries/workspace-account.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accountPeople } from '../store/schema/index.ts'

/**
 * Takes one follower out of review without following back: a decision that is remembered
 * (they do not come back, even after unfollowing and following again). Nothing is sent to
 * the network. Dismissing twice is the same as once.
 */
export async function dismissFollower(
  db: Db,
  input: {
    workspaceId: string
    accountId: string
    profileId: string
    userId: string
    ip?: string | null
    now?: Date
  },
) {
  const now = input.now ?? new Date()
  const account = await workspaceAccount(db, input.workspaceId, input.accountId)
  return db.transaction(async (tx) => {
    const where = and(
      eq(accountPeople.accountId, account.id),
      eq(accountPeople.profileId, input.profileId),
    )
    const [person] = await tx.select().from(accountPeople).where(where).for('update')
    if (!person?.review)
      throw new NotFoundError(`Follower ${input.profileId} of @${account.handle}`)
    if (person.review === 'dismissed') return person
    if (person.review === 'followed_back') {
      throw new ConflictError(`@${person.handle} was followed back already; unfollow instead.`)
    }
    const [dismissed] = await tx
      .update(accountPeople)
      .set({ review: 'dismissed', decidedBy: input.userId, decidedAt: now, updatedAt: now })
      .where(where)
      .returning()
    await recordAudit(tx, {
      action: 'follower.dismissed',
      workspaceId: account.workspaceId,
      actorUserId: input.userId,
      targetType: 'profile',
      targetId: person.profileId,
      data: { accountId: account.id, account: account.handle, handle: person.handle },
      ip: input.ip ?? null,
    })
    return dismissed ?? person
  })
}
