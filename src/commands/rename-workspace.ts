import { eq } from 'drizzle-orm'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { workspaces } from '../store/schema/index.ts'

export async function renameWorkspace(
  db: Db,
  input: { workspaceId: string; actorUserId: string; name: string; ip?: string },
) {
  return db.transaction(async (tx) => {
    const [workspace] = await tx
      .update(workspaces)
      .set({ name: input.name })
      .where(eq(workspaces.id, input.workspaceId))
      .returning()
    if (!workspace) throw new Error('workspace vanished during rename')
    await recordAudit(tx, {
      action: 'workspace.renamed',
      workspaceId: input.workspaceId,
      actorUserId: input.actorUserId,
      targetType: 'workspace',
      targetId: input.workspaceId,
      data: { name: input.name },
      ip: input.ip,
    })
    return workspace
  })
}
