import { and, eq, isNull } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts } from '../store/schema/index.ts'

/** Forgets an account's credentials; the row stays so its history keeps a name. */
export async function disconnectAccount(
  db: Db,
  input: { workspaceId: string; accountId: string; userId: string; ip?: string },
) {
  await db.transaction(async (tx) => {
    const [account] = await tx
      .update(accounts)
      .set({ disconnectedAt: new Date(), credentials: '' })
      .where(
        and(
          eq(accounts.id, input.accountId),
          eq(accounts.workspaceId, input.workspaceId),
          isNull(accounts.disconnectedAt),
        ),
      )
      .returning()
    if (!account) throw new NotFoundError('That account')
    await recordAudit(tx, {
      action: 'account.disconnected',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'account',
      targetId: account.id,
      data: { network: account.network, handle: account.handle },
      ip: input.ip,
    })
  })
}
