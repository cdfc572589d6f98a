import { and, eq } from 'drizzle-orm'
import { ForbiddenError, InvalidInputError } from '../core/errors.ts'
import { createOpaqueToken } from '../security/opaque-token.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { apiTokens, memberships } from '../store/schema/index.ts'

/**
 * A personal API token for one workspace. The secret is returned once and only its hash is
 * kept; requests made with it act as the person, with their current role in that workspace.
 */
export async function createApiToken(
  db: Db,
  input: { userId: string; workspaceId: string; name: string; ip?: string },
) {
  const name = input.name.trim()
  if (!name) throw new InvalidInputError('A token needs a name', { name: 'empty' })
  const [membership] = await db
    .select()
    .from(memberships)
    .where(
      and(eq(memberships.userId, input.userId), eq(memberships.workspaceId, input.workspaceId)),
    )
  if (!membership) throw new ForbiddenError('You are not a member of that workspace')
  const { token, hash } = createOpaqueToken('sous_pat')
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(apiTokens)
      .values({
        userId: input.userId,
        workspaceId: input.workspaceId,
        name,
        prefix: token.slice(0, 13),
        tokenHash: hash,
      })
      .returning()
    if (!row) throw new Error('insert returned no row')
    await recordAudit(tx, {
      action: 'token.created',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'api_token',
      targetId: row.id,
      data: { name },
      ip: input.ip,
    })
    return { token, apiToken: row }
  })
}
