import { and, eq } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import { type NetworkAdapter, NetworkError } from '../networks/types.ts'
import { CredentialsUnreadableError } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { isConnected } from '../store/queries/connected-accounts.ts'
import { accounts } from '../store/schema/index.ts'
import { markAccountNeedsAttention } from './mark-account-needs-attention.ts'
import { openAccountSession } from './open-account-session.ts'

/**
 * Asks the network whether the account's credentials still work. A refusal puts the
 * account in "needs attention" with what to do; a transient failure changes nothing and
 * is reported back, since it says nothing about the credentials.
 */
export async function verifyAccount(
  db: Db,
  secret: Buffer,
  adapterFor: (network: string) => NetworkAdapter<unknown>,
  input: { workspaceId: string; accountId: string },
): Promise<{ account: typeof accounts.$inferSelect; problem: string | null }> {
  const find = async () => {
    const [row] = await db
      .select()
      .from(accounts)
      .where(
        and(
          eq(accounts.id, input.accountId),
          eq(accounts.workspaceId, input.workspaceId),
          isConnected(),
        ),
      )
    if (!row) throw new NotFoundError('That account')
    return row
  }
  const account = await find()
  const adapter = adapterFor(account.network)
  let problem: string | null = null
  try {
    const identity = await adapter.verify(openAccountSession(db, secret, account))
    await db
      .update(accounts)
      .set({
        handle: identity.handle,
        displayName: identity.displayName,
        url: identity.url,
        state: 'ok',
        stateReason: null,
        lastVerifiedAt: new Date(),
        ...(account.state === 'ok' ? {} : { stateChangedAt: new Date() }),
      })
      .where(eq(accounts.id, account.id))
  } catch (error) {
    if (error instanceof CredentialsUnreadableError) {
      problem = error.message
      await markAccountNeedsAttention(db, { accountId: account.id, reason: problem })
    } else if (error instanceof NetworkError && error.failure.kind === 'auth_expired') {
      problem = `${adapter.displayName} refused the credentials (${error.message}): reconnect the account`
      await markAccountNeedsAttention(db, { accountId: account.id, reason: problem })
    } else if (error instanceof NetworkError) {
      problem = `${adapter.displayName} could not be reached to check (${error.message}); nothing changed, try again later`
    } else {
      throw error
    }
  }
  return { account: await find(), problem }
}
