import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/api.ts'
import { networkName } from '../compose/compose-state.ts'
import { type InboxPerson, inboxKeys } from './inbox-queries.ts'

/**
 * Identities of people who wrote to the workspace, found by part of a handle or name, plus
 * those of the people already picked (so a saved rule can name them). Nothing without either.
 */
export function useInboxIdentities(workspaceId: string, q: string, personIds: string[] = []) {
  const people = [...new Set(personIds)].sort().join(',')
  return useQuery({
    queryKey: [...inboxKeys.all, workspaceId, 'people', q, people],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/inbox-people', {
          params: {
            path: { ws: workspaceId },
            query: { ...(q ? { q } : {}), ...(people ? { people } : {}) },
          },
        }),
      ).then((page) => page.items as InboxPerson[]),
    enabled: q !== '' || people !== '',
    placeholderData: keepPreviousData,
  })
}

/** What a person's identities read as in a list: "Dana (@dana.bsky.social, Bluesky)". */
export function identityLabel(identity: InboxPerson) {
  const name = identity.displayName || `@${identity.handle}`
  return `${name} (@${identity.handle}, ${networkName(identity.network)})`
}

/** Merging or separating identities changes every item of that person: reload the inbox. */
export function usePersonChange(workspaceId: string, change: 'merge' | 'unmerge') {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: async ({ personId, identityId }: { personId: string; identityId: string }) => {
      const params = { path: { ws: workspaceId, personId } }
      if (change === 'merge')
        await unwrap(
          api.POST('/api/v1/workspaces/{ws}/inbox-people/{personId}/merge', {
            params,
            body: { identityId },
          }),
        )
      else
        await unwrap(
          api.POST('/api/v1/workspaces/{ws}/inbox-people/{personId}/unmerge', {
            params,
            body: { identityId },
          }),
        )
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [...inboxKeys.all, workspaceId] }),
  })
}
