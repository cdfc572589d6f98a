import { randomUUID } from 'node:crypto'
import { and, desc, eq, sql } from 'drizzle-orm'
import type { AccountIdentity } from '../networks/types.ts'
import { sealCredentials } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { accounts } from '../store/schema/index.ts'
import { releaseHeldDeliveries } from './release-held-deliveries.ts'

export type ConnectAccountInput = {
  workspaceId: string
  userId: string
  network: string
  service: string
  identity: AccountIdentity
  credentials: unknown
  ip?: string
}

/**
 * Stores a verified account with sealed credentials. Connecting an account that is (or was)
 * connected in the workspace reconnects it: new credentials, state back to ok, and what was
 * held for it released.
 */
export async function connectAccount(
  database: Database,
  secret: Buffer,
  input: ConnectAccountInput,
) {
  return database.db.transaction(async (tx) => {
    // The connected row, else the last one disconnected: its posts and history come back.
    const [existing] = await tx
      .select({ id: accounts.id })
      .from(accounts)
      .where(
        and(
          eq(accounts.workspaceId, input.workspaceId),
          eq(accounts.network, input.network),
          eq(accounts.networkAccountId, input.identity.id),
        ),
      )
      .orderBy(sql`${accounts.disconnectedAt} desc nulls first`, desc(accounts.createdAt))
      .limit(1)
      .for('update')
    const id = existing?.id ?? randomUUID()
    const sealed = sealCredentials(
      secret,
      { workspaceId: input.workspaceId, accountId: id },
      input.credentials,
    )
    const profile = {
      handle: input.identity.handle,
      displayName: input.identity.displayName,
      url: input.identity.url,
      service: input.service,
      credentials: sealed,
      state: 'ok' as const,
      stateReason: null,
      stateChangedAt: new Date(),
      lastVerifiedAt: new Date(),
      disconnectedAt: null,
    }
    const [account] = existing
      ? await tx.update(accounts).set(profile).where(eq(accounts.id, id)).returning()
      : await tx
          .insert(accounts)
          .values({
            id,
            workspaceId: input.workspaceId,
            network: input.network,
            networkAccountId: input.identity.id,
            connectedBy: input.userId,
            ...profile,
          })
          .returning()
    if (!account) throw new Error('account row missing after connect')
    const released = existing
      ? await releaseHeldDeliveries(database, tx, {
          accountId: id,
          handle: account.handle,
          now: new Date(),
        })
      : null
    await recordAudit(tx, {
      action: existing ? 'account.reconnected' : 'account.connected',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'account',
      targetId: id,
      data: { network: input.network, handle: input.identity.handle, ...released },
      ip: input.ip,
    })
    return account
  })
}
