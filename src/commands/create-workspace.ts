import { InvalidInputError } from '../core/errors.ts'
import type { Executor } from '../store/executor.ts'
import { recordAudit } from '../store/record-audit.ts'
import { memberships, workspaces } from '../store/schema/index.ts'

/** A new workspace, with the person who made it as its owner. */
export async function createWorkspace(
  db: Executor,
  input: { userId: string; name: string; ip?: string },
) {
  const name = input.name.trim()
  if (!name) throw new InvalidInputError('A workspace needs a name', { name: 'empty' })
  return db.transaction(async (tx) => {
    const [workspace] = await tx.insert(workspaces).values({ name }).returning()
    if (!workspace) throw new Error('insert returned no row')
    await tx
      .insert(memberships)
      .values({ workspaceId: workspace.id, userId: input.userId, role: 'owner' })
    await recordAudit(tx, {
      action: 'workspace.created',
      workspaceId: workspace.id,
      actorUserId: input.userId,
      targetType: 'workspace',
      targetId: workspace.id,
      data: { name },
      ip: input.ip,
    })
    return workspace
  })
}
