import { and, eq, gt } from 'drizzle-orm'
import { NotFoundError } from '../core/errors.ts'
import type { MastodonAdapter } from '../networks/mastodon/index.ts'
import { hashOpaqueToken } from '../security/opaque-token.ts'
import { openCredentials } from '../security/seal-credentials.ts'
import type { Database } from '../store/connect.ts'
import { oauthStates } from '../store/schema/index.ts'
import { connectAccount } from './connect-account.ts'
import { registrationFor } from './start-mastodon-connection.ts'

/**
 * The OAuth callback: `state` must be one this instance handed out in the last 15 minutes
 * (it is spent on first use, so a replayed callback fails), then the code is exchanged
 * with its PKCE verifier and the account stored.
 */
export async function finishMastodonConnection(
  database: Database,
  secret: Buffer,
  mastodon: MastodonAdapter,
  input: { state: string; code: string; redirectUri: string; website: string; ip?: string },
) {
  const { db } = database
  const [flow] = await db
    .delete(oauthStates)
    .where(
      and(
        eq(oauthStates.stateHash, hashOpaqueToken(input.state)),
        gt(oauthStates.expiresAt, new Date()),
      ),
    )
    .returning()
  if (!flow)
    throw new NotFoundError('That connection attempt (it expired or was already used); start again')
  const codeVerifier = openCredentials<string>(
    secret,
    { workspaceId: flow.workspaceId, accountId: input.state },
    flow.codeVerifier,
  )
  const registration = await registrationFor(db, secret, mastodon, flow.instance, input)
  const connected = await mastodon.exchangeCode(registration, { code: input.code, codeVerifier })
  return connectAccount(database, secret, {
    workspaceId: flow.workspaceId,
    userId: flow.userId,
    network: 'mastodon',
    service: flow.instance,
    identity: connected.identity,
    credentials: connected.credentials,
    ip: input.ip,
  })
}
