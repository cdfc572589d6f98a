import { Agent, AppBskyRichtextFacet, RichText, XRPCError } from '@atproto/api'
import type { BlueskyClient } from './client.ts'
import { toNetworkError } from './errors.ts'

/**
 * Links, hashtags and mentions, found and measured by the library's `RichText`; mentions
 * resolved to DIDs through the account's PDS. A handle that does not exist stays plain text.
 * `detectFacets` swallows every resolution error, so a failure that is not "no such handle"
 * (unreachable, rate-limited, refused token) is caught here and fails the publish instead of
 * silently dropping a mention.
 */
export async function detectFacets(
  client: BlueskyClient,
  text: string,
): Promise<AppBskyRichtextFacet.Main[] | undefined> {
  const failures: unknown[] = []
  const watched = new Agent({
    did: client.did,
    fetchHandler: async (path, init) => {
      try {
        const response = await client.agent.sessionManager.fetchHandler(path, init)
        if (response.status === 401 || response.status === 429 || response.status >= 500) {
          const body = (await response
            .clone()
            .json()
            .catch(() => ({}))) as { error?: string; message?: string }
          failures.push(
            new XRPCError(
              response.status,
              body.error,
              body.message,
              Object.fromEntries(response.headers.entries()),
            ),
          )
        }
        return response
      } catch (error) {
        failures.push(error)
        throw error
      }
    },
  })
  const rich = new RichText({ text })
  await rich.detectFacets(watched)
  if (failures.length > 0) throw toNetworkError(failures[0], 'read')
  const facets = rich.facets?.filter(
    (facet) =>
      !facet.features.some((feature) => AppBskyRichtextFacet.isMention(feature) && !feature.did),
  )
  return facets && facets.length > 0 ? facets : undefined
}
