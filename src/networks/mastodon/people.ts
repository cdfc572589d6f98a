import { NetworkError, type Page, type ProfileContext } from '../types.ts'
import { apiId, type MastodonClient, nextCursor, pageLimit, pageParams } from './client.ts'
import { ResponseError } from './errors.ts'
import { localDomainOf, profileContext } from './identity.ts'

/** Paged by the `Link` header (Mastodon's ids there are the follow records', not the accounts'). */
async function listPeople(
  client: MastodonClient,
  direction: 'followers' | 'following',
  cursor?: string,
  limit?: number,
): Promise<Page<ProfileContext>> {
  const { accountId, handle } = client.session.credentials
  const page = await client.run('read', async (rest) =>
    rest.v1.accounts
      .$select(accountId)
      [direction].list.$raw(pageParams(cursor, { limit: pageLimit(limit) }, limit)),
  )
  const localDomain = localDomainOf(handle)
  return {
    items: page.data.map((account) => profileContext(account, localDomain)),
    cursor: page.data.length > 0 ? nextCursor(page.headers) : undefined,
  }
}

// Mastodon's lists carry whole accounts (counts, last status date): `detail` changes nothing.
export function listFollowers(client: MastodonClient, cursor?: string, limit?: number) {
  return listPeople(client, 'followers', cursor, limit)
}

export function listFollows(client: MastodonClient, cursor?: string, limit?: number) {
  return listPeople(client, 'following', cursor, limit)
}

/** The most accounts looked up at once; each is one request on servers before 4.3's `id[]`. */
const PROFILE_CONCURRENCY = 4

/**
 * Profiles by account id. One the instance no longer has (404, 410) or has suspended is
 * absent from the answer.
 */
export async function readProfiles(
  client: MastodonClient,
  ids: string[],
): Promise<ProfileContext[]> {
  const localDomain = localDomainOf(client.session.credentials.handle)
  const wanted = [...new Set(ids)]
  const found = new Map<string, ProfileContext>()
  let next = 0
  const readOne = async () => {
    for (let i = next++; i < wanted.length; i = next++) {
      const id = wanted[i] as string
      try {
        const account = await client.run('read', (rest) =>
          rest.v1.accounts.$select(apiId(id, 'account')).fetch(),
        )
        if (!account.suspended) found.set(id, profileContext(account, localDomain))
      } catch (error) {
        if (!(error instanceof NetworkError) || error.failure.kind !== 'rejected') throw error
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PROFILE_CONCURRENCY, wanted.length) }, readOne))
  return wanted.flatMap((id) => found.get(id) ?? [])
}

/**
 * Safe to repeat: Mastodon answers a repeated follow with the relationship, a stricter server
 * refuses it (403); a refusal is then checked against the relationship, and "already
 * following" (or already asked, on a locked account) counts as done.
 */
export async function follow(client: MastodonClient, profileId: string): Promise<void> {
  const id = apiId(profileId, 'account')
  await client.run('write', async (rest) => {
    try {
      await rest.v1.accounts.$select(id).follow()
    } catch (error) {
      if (!(error instanceof ResponseError) || error.status !== 403) throw error
      const [relationship] = await rest.v1.accounts.relationships.fetch({ id: [id] })
      if (relationship?.id === id && (relationship.following || relationship.requested)) return
      throw error
    }
  })
}

export async function unfollow(client: MastodonClient, profileId: string): Promise<void> {
  const id = apiId(profileId, 'account')
  await client.run('write', (rest) => rest.v1.accounts.$select(id).unfollow())
}
