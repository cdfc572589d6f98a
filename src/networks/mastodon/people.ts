import type { Page, ProfileContext } from '../types.ts'
import { apiId, type MastodonClient, nextCursor, pageLimit } from './client.ts'
import { localDomainOf, profileContext } from './identity.ts'

/** Paged by the follow record's id from the `Link` header, never by the account id. */
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
      [direction].list.$raw({ limit: pageLimit(limit), maxId: cursor ?? null }),
  )
  const localDomain = localDomainOf(handle)
  return {
    items: page.data.map((account) => profileContext(account, localDomain)),
    cursor: page.data.length > 0 ? nextCursor(page.headers) : undefined,
  }
}

export function listFollowers(client: MastodonClient, cursor?: string, limit?: number) {
  return listPeople(client, 'followers', cursor, limit)
}

export function listFollows(client: MastodonClient, cursor?: string, limit?: number) {
  return listPeople(client, 'following', cursor, limit)
}

/** Following someone already followed changes nothing on Mastodon: safe to repeat. */
export async function follow(client: MastodonClient, profileId: string): Promise<void> {
  const id = apiId(profileId, 'account')
  await client.run('write', (rest) => rest.v1.accounts.$select(id).follow())
}

export async function unfollow(client: MastodonClient, profileId: string): Promise<void> {
  const id = apiId(profileId, 'account')
  await client.run('write', (rest) => rest.v1.accounts.$select(id).unfollow())
}
