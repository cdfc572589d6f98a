/**
 * What Sous stores (encrypted) for a Bluesky account. `service` is the account's own PDS,
 * resolved from its DID document when the account was connected; the app password stays so
 * that a lost refresh token can be replaced by a new login instead of a reconnect.
 */
export type BlueskyCredentials = {
  service: string
  identifier: string
  appPassword: string
  did: string
  handle: string
  accessJwt: string
  refreshJwt: string
}
