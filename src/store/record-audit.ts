import type { Executor } from './executor.ts'
import { auditLog } from './schema/index.ts'

export type AuditEntry = {
  action: string
  workspaceId?: string | null
  actorUserId?: string | null
  actorLabel?: string | null
  targetType?: string | null
  targetId?: string | null
  data?: Record<string, unknown>
  ip?: string | null
}

/** Appends to the audit log; call it in the same transaction as the change it records. */
export async function recordAudit(executor: Executor, entry: AuditEntry): Promise<void> {
  await executor.insert(auditLog).values({ ...entry, data: entry.data ?? {} })
}
