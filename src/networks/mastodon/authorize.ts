import { createHash, randomBytes } from 'node:crypto'
import { NetworkError } from '../types.ts'
import type { MastodonAppRegistration, MastodonAuthorization } from './auth.ts'

// What connecting needs before any request to the instance: pure, so it is at hand without
// loading the adapter and its client library (see ../lazy-adapter.ts).

/** `mastodon.social`, `https://mastodon.social/`, `@me@mastodon.social` → its origin. */
export function normalizeInstance(input: string): string {
  const trimmed = input.trim().replace(/^@?[^@/\s]+@(?=[^@/\s]+$)/, '')
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`
  const url = URL.canParse(withScheme) ? new URL(withScheme) : undefined
  if (!url || !['https:', 'http:'].includes(url.protocol) || url.username || !url.hostname) {
    throw new NetworkError({
      kind: 'rejected',
      reason: `"${input}" is not an instance address (like mastodon.social).`,
    })
  }
  return url.origin
}

/**
 * The authorization URL with `state` and PKCE (S256). Mastodon ≥ 4.3 checks the challenge;
 * older servers ignore both parameters, so they are always sent. The caller must compare the
 * callback's `state` with the one kept here before exchanging the code.
 */
export function authorizationUrl(
  registration: MastodonAppRegistration,
  options: { forceLogin?: boolean } = {},
): MastodonAuthorization {
  const codeVerifier = randomBytes(32).toString('base64url')
  const state = randomBytes(24).toString('base64url')
  const url = new URL('/oauth/authorize', registration.instance)
  url.search = new URLSearchParams({
    response_type: 'code',
    client_id: registration.clientId,
    redirect_uri: registration.redirectUri,
    scope: registration.scopes,
    state,
    code_challenge: createHash('sha256').update(codeVerifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...(options.forceLogin ? { force_login: 'true' } : {}),
  }).toString()
  return { url: url.toString(), state, codeVerifier }
}
