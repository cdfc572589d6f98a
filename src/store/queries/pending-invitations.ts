import { and, asc, eq, gt, isNull } from 'drizzle-orm'
import { NotFoundError } from '../../core/errors.ts'
import { hashOpaqueToken } from '../../security/opaque-token.ts'
import type { Executor } from '../executor.ts'
import { invitations, workspaces } from '../schema/index.ts'

/** An invitation still works: not accepted, not revoked, not expired. */
function pending(now: Date) {
  return and(
    isNull(invitations.acceptedAt),
    isNull(invitations.revokedAt),
    gt(invitations.expiresAt, now),
  )
}

/** The pending invitation behind a link, with its workspace's name; locked for accepting. */
export async function findPendingInvitation(
  executor: Executor,
  token: string,
  options: { forUpdate?: boolean } = {},
) {
  const query = executor
    .select({ invitation: invitations, workspaceName: workspaces.name })
    .from(invitations)
    .innerJoin(workspaces, eq(workspaces.id, invitations.workspaceId))
    .where(and(eq(invitations.tokenHash, hashOpaqueToken(token)), pending(new Date())))
  const [row] = await (options.forUpdate ? query.for('update', { of: invitations }) : query)
  if (!row) throw new NotFoundError('That invitation (it may have expired or been used)')
  return row
}

export async function listPendingInvitations(executor: Executor, workspaceId: string) {
  return executor
    .select()
    .from(invitations)
    .where(and(eq(invitations.workspaceId, workspaceId), pending(new Date())))
    .orderBy(asc(invitations.createdAt))
}
