import { eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import { normalizeInstance } from '../networks/mastodon/authorize.ts'
import type { MastodonAdapter, MastodonAppRegistration } from '../networks/mastodon/index.ts'
import { NetworkError } from '../networks/types.ts'
import { assertHostExists } from '../security/assert-host-exists.ts'
import { hashOpaqueToken } from '../security/opaque-token.ts'
import { openCredentials, sealCredentials } from '../security/seal-credentials.ts'
import type { Db } from '../store/connect.ts'
import { oauthApps, oauthStates } from '../store/schema/index.ts'

export const OAUTH_FLOW_TTL_MS = 15 * 60_000
/** App registrations belong to the instance, not to a workspace: sealed under this scope. */
const APP_SCOPE = 'instance-oauth-apps'

/**
 * Begins connecting a Mastodon-compatible account: the instance's app registration (made
 * once, reused), an authorization URL with PKCE, and the flow's state kept sealed until the
 * callback returns.
 */
export async function startMastodonConnection(
  db: Db,
  secret: Buffer,
  mastodon: MastodonAdapter,
  input: {
    workspaceId: string
    userId: string
    instance: string
    redirectUri: string
    website: string
  },
): Promise<{ authorizeUrl: string }> {
  const instance = normalizeInstance(input.instance)
  await assertHostExists(instance, 'instance')
  const registration = await registrationFor(db, secret, mastodon, instance, input).catch(
    (error: unknown) => {
      // The address is the person's input: one that cannot be reached is theirs to check.
      if (error instanceof NetworkError && error.failure.kind === 'transient')
        throw new InvalidInputError(
          `${instance} could not be reached (${error.message}): check the address, or try again later if the instance is down`,
          { instance: 'unreachable' },
        )
      throw error
    },
  )
  const authorization = mastodon.authorizationUrl(registration)
  await db.insert(oauthStates).values({
    stateHash: hashOpaqueToken(authorization.state),
    network: 'mastodon',
    instance,
    workspaceId: input.workspaceId,
    userId: input.userId,
    codeVerifier: sealCredentials(
      secret,
      { workspaceId: input.workspaceId, accountId: authorization.state },
      authorization.codeVerifier,
    ),
    expiresAt: new Date(Date.now() + OAUTH_FLOW_TTL_MS),
  })
  return { authorizeUrl: authorization.url }
}

export async function registrationFor(
  db: Db,
  secret: Buffer,
  mastodon: MastodonAdapter,
  instance: string,
  app: { redirectUri: string; website: string },
): Promise<MastodonAppRegistration> {
  const scope = { workspaceId: APP_SCOPE, accountId: instance }
  const [stored] = await db.select().from(oauthApps).where(eq(oauthApps.instance, instance))
  if (stored && stored.redirectUri === app.redirectUri) {
    return { ...stored, clientSecret: openCredentials<string>(secret, scope, stored.clientSecret) }
  }
  const registration = await mastodon.registerApp(instance, { clientName: 'Sous', ...app })
  const row = {
    network: 'mastodon',
    instance,
    clientId: registration.clientId,
    clientSecret: sealCredentials(secret, scope, registration.clientSecret),
    redirectUri: registration.redirectUri,
    scopes: registration.scopes,
  }
  await db
    .insert(oauthApps)
    .values(row)
    .onConflictDoUpdate({ target: oauthApps.instance, set: row })
  return registration
}
