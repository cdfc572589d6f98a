import { and, eq, isNull } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { apiTokens } from '../store/schema/index.ts'

/**
 * Revokes one of the person's own tokens; it stops working on the next request. Asked
 * through a token, only tokens of that token's workspace can be revoked.
 */
export async function revokeApiToken(
  db: Db,
  input: { userId: string; tokenId: string; onlyWorkspaceId?: string; ip?: string },
) {
  await db.transaction(async (tx) => {
    const [row] = await tx
      .update(apiTokens)
      .set({ revokedAt: new Date() })
      .where(
        and(
          eq(apiTokens.id, input.tokenId),
          eq(apiTokens.userId, input.userId),
          input.onlyWorkspaceId ? eq(apiTokens.workspaceId, input.onlyWorkspaceId) : undefined,
          isNull(apiTokens.revokedAt),
        ),
      )
      .returning()
    if (!row) throw new NotFoundError('That token')
    await recordAudit(tx, {
      action: 'token.revoked',
      workspaceId: row.workspaceId,
      actorUserId: input.userId,
      targetType: 'api_token',
      targetId: row.id,
      data: { name: row.name },
      ip: input.ip,
    })
  })
}
