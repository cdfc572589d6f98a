import type { mastodon } from 'masto'
import { type AccountIdentity, NetworkError } from '../types.ts'
import { normalizeInstance } from './authorize.ts'
import { type MastodonLimits, readInstanceLimits } from './capabilities.ts'
import type { MastodonCredentials } from './credentials.ts'
import { ResponseError, toNetworkError } from './errors.ts'
import { fullHandle, identityOf } from './identity.ts'
import { oauthClient, restClient, type TransportOptions } from './transport.ts'

/** Read everything; write only statuses, media and follows. */
export const MASTODON_SCOPES = 'read write:statuses write:media write:follows'

/** One OAuth app per instance, registered once and reused; the caller stores it. */
export type MastodonAppRegistration = {
  instance: string
  clientId: string
  clientSecret: string
  redirectUri: string
  scopes: string
}

/** Where to send the person, and what to keep (sealed) until the callback comes back. */
export type MastodonAuthorization = { url: string; state: string; codeVerifier: string }

export type ConnectedAccount = { credentials: MastodonCredentials; identity: AccountIdentity }

/** The instance's domain and limits; anything that is not a Mastodon-compatible API is refused. */
export async function readInstance(
  instance: string,
  options: TransportOptions,
): Promise<{ domain: string; limits: MastodonLimits }> {
  let info: mastodon.v2.Instance | undefined
  try {
    info = await restClient(instance, undefined, options).v2.instance.fetch()
  } catch (error) {
    if (!(error instanceof ResponseError) || error.status === 429 || error.status >= 500) {
      throw toNetworkError(error, 'read')
    }
  }
  if (!info?.configuration || typeof info.domain !== 'string') {
    throw new NetworkError({
      kind: 'rejected',
      reason: `${instance} is not a Mastodon-compatible instance: it has no /api/v2/instance.`,
    })
  }
  return { domain: info.domain, limits: readInstanceLimits(info) }
}

export async function registerApp(
  instanceInput: string,
  app: { clientName: string; redirectUri: string; website?: string },
  options: TransportOptions,
): Promise<MastodonAppRegistration> {
  const instance = normalizeInstance(instanceInput)
  await readInstance(instance, options)
  const client = await refusalsRejected(() =>
    restClient(instance, undefined, options).v1.apps.create({
      clientName: app.clientName,
      redirectUris: app.redirectUri,
      scopes: MASTODON_SCOPES,
      ...(app.website ? { website: app.website } : {}),
    }),
  )
  if (!client.clientId || !client.clientSecret) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `${instance} registered the app without a client id and secret.`,
    })
  }
  return {
    instance,
    clientId: client.clientId,
    clientSecret: client.clientSecret,
    redirectUri: app.redirectUri,
    scopes: MASTODON_SCOPES,
  }
}

/** The code from the callback → a token, the account behind it and its instance's limits. */
export async function exchangeCode(
  registration: MastodonAppRegistration,
  input: { code: string; codeVerifier: string },
  options: TransportOptions,
): Promise<ConnectedAccount> {
  const token = await refusalsRejected(() =>
    oauthClient(registration.instance, options).token.create({
      grantType: 'authorization_code',
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      redirectUri: registration.redirectUri,
      code: input.code,
      scope: registration.scopes,
      // masto 7's types predate PKCE; the serializer sends it as `code_verifier`.
      ...({ codeVerifier: input.codeVerifier } as object),
    }),
  )
  const rest = restClient(registration.instance, token.accessToken, options)
  let account: mastodon.v1.AccountCredentials
  try {
    account = await rest.v1.accounts.verifyCredentials()
  } catch (error) {
    throw toNetworkError(error, 'read')
  }
  const { domain, limits } = await readInstance(registration.instance, options)
  const credentials: MastodonCredentials = {
    instance: registration.instance,
    accessToken: token.accessToken,
    accountId: account.id,
    handle: fullHandle(account.acct, domain),
    limits,
  }
  return { credentials, identity: identityOf(account, domain) }
}

/**
 * Whether a stored registration still works (instances delete unused apps): a
 * client-credentials token for it, checked with `GET /api/v1/apps/verify_credentials`.
 */
export async function checkRegistration(
  registration: MastodonAppRegistration,
  options: TransportOptions,
): Promise<boolean> {
  try {
    const token = await oauthClient(registration.instance, options).token.create({
      grantType: 'client_credentials',
      clientId: registration.clientId,
      clientSecret: registration.clientSecret,
      redirectUri: registration.redirectUri,
      scope: 'read',
    })
    await restClient(registration.instance, token.accessToken, options).v1.apps.verifyCredentials()
    return true
  } catch (error) {
    if (error instanceof ResponseError && [400, 401, 403].includes(error.status)) return false
    throw toNetworkError(error, 'read')
  }
}

/** While connecting, a refusal (a spent code, an unknown app) is the person's to act on. */
async function refusalsRejected<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call()
  } catch (error) {
    if (error instanceof ResponseError && error.status < 500 && error.status !== 429) {
      throw new NetworkError({
        kind: 'rejected',
        reason: `The Mastodon instance refused the authorization: ${error.error}. Start connecting again.`,
      })
    }
    throw toNetworkError(error, 'read')
  }
}
