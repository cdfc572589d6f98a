import { and, desc, eq, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { auditLog, memberships, users } from '../schema/index.ts'

// Instance-wide events (logins, logouts) belong to no workspace; an admin sees those of the
// workspace's own members.
const PERSONAL_ACTIONS = ['login', 'login.failed', 'logout', 'logout.everywhere', 'user.created']

/** Newest first, keyset-paged by id. */
export async function listAuditEntries(
  db: Db,
  input: { workspaceId: string; before?: number; limit: number },
) {
  const members = db
    .select({ id: memberships.userId })
    .from(memberships)
    .where(eq(memberships.workspaceId, input.workspaceId))
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorEmail: users.email,
      actorLabel: auditLog.actorLabel,
      targetType: auditLog.targetType,
      targetId: auditLog.targetId,
      data: auditLog.data,
      ip: auditLog.ip,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(
      and(
        or(
          eq(auditLog.workspaceId, input.workspaceId),
          and(
            isNull(auditLog.workspaceId),
            inArray(auditLog.action, PERSONAL_ACTIONS),
            inArray(auditLog.actorUserId, members),
          ),
        ),
        input.before ? lt(auditLog.id, input.before) : sql`true`,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit)
}
