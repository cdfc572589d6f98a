import { and, eq, inArray } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { isConnected } from '../store/queries/connected-accounts.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts, deliveries } from '../store/schema/index.ts'

/**
 * Forgets an account's credentials; the row stays so its history keeps a name. What it still
 * had to send is held (in review) until it is reconnected or a person discards it; deliveries
 * on their way right now are left to finish.
 */
export async function disconnectAccount(
  db: Db,
  input: { workspaceId: string; accountId: string; userId: string; ip?: string },
): Promise<{ heldDeliveries: number }> {
  return db.transaction(async (tx) => {
    const now = new Date()
    const [account] = await tx
      .update(accounts)
      .set({ disconnectedAt: now, credentials: '' })
      .where(
        and(
          eq(accounts.id, input.accountId),
          eq(accounts.workspaceId, input.workspaceId),
          isConnected(),
        ),
      )
      .returning()
    if (!account) throw new NotFoundError('That account')
    const held = await tx
      .update(deliveries)
      .set({
        state: 'held',
        error: `Account disconnected: reconnect ${account.handle} to send it, or discard it`,
        updatedAt: now,
      })
      .where(
        and(
          eq(deliveries.accountId, account.id),
          inArray(deliveries.state, ['scheduled', 'retry_wait']),
        ),
      )
      .returning({ id: deliveries.id })
    await recordAudit(tx, {
      action: 'account.disconnected',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'account',
      targetId: account.id,
      data: { network: account.network, handle: account.handle, heldDeliveries: held.length },
      ip: input.ip,
    })
    return { heldDeliveries: held.length }
  })
}
