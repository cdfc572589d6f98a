import type { Engagement } from '../types.ts'
import { apiId, type MastodonClient } from './client.ts'
import { ResponseError } from './errors.ts'

const CONCURRENCY = 4

/** Counts as the account's instance knows them; a deleted status (404) is left out. */
export async function readEngagement(
  client: MastodonClient,
  uris: string[],
): Promise<Engagement[]> {
  const results: Engagement[] = []
  for (let start = 0; start < uris.length; start += CONCURRENCY) {
    const batch = await Promise.all(uris.slice(start, start + CONCURRENCY).map((uri) => read(uri)))
    for (const counts of batch) if (counts) results.push(counts)
  }
  return results

  function read(uri: string): Promise<Engagement | undefined> {
    const id = apiId(uri, 'status')
    return client.run('read', async (rest) => {
      try {
        const status = await rest.v1.statuses.$select(id).fetch()
        return {
          uri,
          replies: status.repliesCount,
          reposts: status.reblogsCount,
          quotes: status.quotesCount ?? 0,
          likes: status.favouritesCount,
        }
      } catch (error) {
        if (error instanceof ResponseError && error.status === 404) return undefined
        throw error
      }
    })
  }
}
