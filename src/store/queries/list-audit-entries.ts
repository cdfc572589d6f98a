import { and, desc, eq, isNull, lt } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { auditLog, users } from '../schema/index.ts'

/**
 * Newest first, keyset-paged by id. A workspace's log holds only what happened in that
 * workspace; `workspaceId: null` is the instance's own log (logins, the instance brake,
 * instance administrators), which only instance administrators read.
 */
export async function listAuditEntries(
  db: Db,
  input: { workspaceId: string | null; before?: number; limit: number },
) {
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
        input.workspaceId
          ? eq(auditLog.workspaceId, input.workspaceId)
          : isNull(auditLog.workspaceId),
        input.before ? lt(auditLog.id, input.before) : undefined,
      ),
    )
    .orderBy(desc(auditLog.id))
    .limit(input.limit)
}
