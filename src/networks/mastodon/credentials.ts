import type { MastodonLimits } from './capabilities.ts'

/**
 * What Sous stores (encrypted) for a Mastodon account. Mastodon access tokens do not expire,
 * so there is nothing to refresh: a revoked token is `auth_expired` and needs a reconnect.
 * `limits` come from the instance when the account is connected and are refreshed by
 * `verify`, so a post over them is refused before any request.
 */
export type MastodonCredentials = {
  /** The instance's origin, e.g. https://mastodon.social. */
  instance: string
  accessToken: string
  accountId: string
  /** `username@domain`. */
  handle: string
  limits: MastodonLimits
}
