import type { mastodon } from 'masto'
import type { AccountIdentity, ProfileContext } from '../types.ts'
import { readInstanceLimits } from './capabilities.ts'
import type { MastodonClient } from './client.ts'
import { htmlToText } from './text.ts'

/** `username@domain` for any account: local accounts' `acct` has no domain. */
export function fullHandle(acct: string, localDomain: string): string {
  return acct.includes('@') ? acct : `${acct}@${localDomain}`
}

export function localDomainOf(handle: string): string {
  return handle.slice(handle.lastIndexOf('@') + 1)
}

export function profileContext(account: mastodon.v1.Account, localDomain: string): ProfileContext {
  return {
    id: account.id,
    handle: fullHandle(account.acct, localDomain),
    displayName: account.displayName || account.username,
    bio: htmlToText(account.note ?? '').text,
    avatarUrl: account.avatar || undefined,
    createdAt: account.createdAt,
    postsCount: account.statusesCount,
    followersCount: account.followersCount,
    followingCount: account.followingCount,
    lastPostAt: account.lastStatusAt ?? undefined,
    ...(account.url ? { url: account.url } : {}),
  }
}

export function identityOf(account: mastodon.v1.Account, localDomain: string): AccountIdentity {
  return {
    id: account.id,
    handle: fullHandle(account.acct, localDomain),
    displayName: account.displayName || account.username,
    url: account.url,
  }
}

/**
 * Checks the token and refreshes what the account's instance allows: the limits stored with
 * the credentials are saved again when the instance changed them.
 */
export async function verifyAccount(client: MastodonClient): Promise<AccountIdentity> {
  const account = await client.run('read', (rest) => rest.v1.accounts.verifyCredentials())
  const instance = await client.run('read', (rest) => rest.v2.instance.fetch())
  const credentials = client.session.credentials
  const localDomain = instance.domain || localDomainOf(credentials.handle)
  const limits = readInstanceLimits(instance)
  const handle = fullHandle(account.acct, localDomain)
  if (
    JSON.stringify(limits) !== JSON.stringify(credentials.limits) ||
    handle !== credentials.handle
  ) {
    const updated = { ...credentials, limits, handle }
    client.session.credentials = updated
    await client.session.saveCredentials(updated)
  }
  return identityOf(account, localDomain)
}
