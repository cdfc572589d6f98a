import { eq } from 'drizzle-orm'
import type { AccountSession } from '../networks/types.ts'
import { openCredentials, sealCredentials } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { accounts } from '../store/schema/index.ts'

type AccountRow = typeof accounts.$inferSelect

/**
 * What an adapter needs to act for an account: its decrypted credentials, and a way to
 * store refreshed ones. Throws CredentialsUnreadableError when the secret no longer opens them.
 */
export function openAccountSession<Credentials>(
  db: Db,
  secret: Buffer,
  account: AccountRow,
): AccountSession<Credentials> {
  const scope = { workspaceId: account.workspaceId, accountId: account.id }
  return {
    credentials: openCredentials<Credentials>(secret, scope, account.credentials),
    saveCredentials: async (credentials) => {
      await db
        .update(accounts)
        .set({ credentials: sealCredentials(secret, scope, credentials) })
        .where(eq(accounts.id, account.id))
    },
  }
}
