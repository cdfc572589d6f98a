import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

export type PersonCard = components['schemas']['PersonCard']
export type PeopleSummary = components['schemas']['PeopleSummary']
export type PeopleSync = components['schemas']['PeopleSync']
export type FollowingFilter = NonNullable<
  paths['/api/v1/workspaces/{ws}/accounts/{id}/following']['get']['parameters']['query']
>['filter']

/** Enough cards that the next one is always on hand: deciding never waits for the network. */
const QUEUE_PAGE = 100

/** Query keys of the people area. */
export const peopleKeys = {
  all: ['people'] as const,
  summary: (workspaceId: string) => [...peopleKeys.all, workspaceId, 'summary'] as const,
  queue: (workspaceId: string, accountId: string) =>
    [...peopleKeys.all, workspaceId, accountId, 'queue'] as const,
  following: (workspaceId: string, accountId: string, filter: FollowingFilter) =>
    [...peopleKeys.all, workspaceId, accountId, 'following', filter ?? 'all'] as const,
}

/** Counts and sync state per account; polled faster while a sync runs, for its progress. */
export function usePeopleSummary(workspaceId: string) {
  return useQuery({
    queryKey: peopleKeys.summary(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/people', { params: { path: { ws: workspaceId } } })),
    refetchInterval: (query) => {
      const running = query.state.data?.items.some((s) =>
        [s.sync.followers, s.sync.follows].some((x) => x && x.state !== 'idle'),
      )
      return running ? 2_000 : 30_000
    },
  })
}

/** New followers waiting for a decision, newest first. */
export function useReviewQueue(workspaceId: string, accountId: string | null) {
  return useQuery({
    queryKey: peopleKeys.queue(workspaceId, accountId ?? ''),
    enabled: accountId !== null,
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/accounts/{id}/followers', {
          params: {
            path: { ws: workspaceId, id: accountId ?? '' },
            query: { status: 'new', limit: QUEUE_PAGE },
          },
        }),
      ),
  })
}

/** Whom the account follows, a page at a time (`next` goes back as `before`). */
export function useFollowing(
  workspaceId: string,
  accountId: string | null,
  filter: FollowingFilter,
) {
  return useInfiniteQuery({
    queryKey: peopleKeys.following(workspaceId, accountId ?? '', filter),
    enabled: accountId !== null,
    initialPageParam: null as string | null,
    getNextPageParam: (last: { next: string | null }) => last.next,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/accounts/{id}/following', {
          params: {
            path: { ws: workspaceId, id: accountId ?? '' },
            query: {
              limit: QUEUE_PAGE,
              ...(filter ? { filter } : {}),
              ...(pageParam ? { before: pageParam } : {}),
            },
          },
        }),
      ),
  })
}

export function useSyncNow(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (accountId: string) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/{id}/people/sync', {
          params: { path: { ws: workspaceId, id: accountId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: peopleKeys.summary(workspaceId) }),
  })
}

export type Decision = 'follow' | 'dismiss'

/**
 * Decides one new follower: the card leaves the queue at once (the next one is already
 * there) and comes back if the server refuses — the pace, say — with the refusal's detail.
 */
export function useDecideFollower(workspaceId: string, accountId: string) {
  const queryClient = useQueryClient()
  const key = peopleKeys.queue(workspaceId, accountId)
  return useMutation({
    mutationFn: ({ person, decision }: { person: PersonCard; decision: Decision }) =>
      decision === 'follow'
        ? unwrap(
            api.POST('/api/v1/workspaces/{ws}/accounts/{id}/follow', {
              params: { path: { ws: workspaceId, id: accountId } },
              body: { profileId: person.id },
            }),
          )
        : unwrap(
            api.POST('/api/v1/workspaces/{ws}/accounts/{id}/followers/{profileId}/dismiss', {
              params: { path: { ws: workspaceId, id: accountId, profileId: person.id } },
            }),
          ),
    onMutate: async ({ person }) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<{ items: PersonCard[]; next: string | null }>(key)
      if (before)
        queryClient.setQueryData(key, {
          ...before,
          items: before.items.filter((p) => p.id !== person.id),
        })
      return { before }
    },
    onError: (_error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before)
    },
    onSettled: () => {
      // Only the counts: refetching the queue after every key would redraw it under the person.
      void queryClient.invalidateQueries({ queryKey: peopleKeys.summary(workspaceId) })
      if ((queryClient.getQueryData<{ items: PersonCard[] }>(key)?.items.length ?? 0) < 10)
        void queryClient.invalidateQueries({ queryKey: key })
    },
  })
}

/** Unfollows one confirmed person; the list updates after the server agreed. */
export function useUnfollow(workspaceId: string, accountId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (person: PersonCard) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/{id}/unfollow', {
          params: { path: { ws: workspaceId, id: accountId } },
          body: { profileId: person.id },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: peopleKeys.all }),
  })
}

export function useWriteNote(workspaceId: string, accountId: string) {
  return useMutation({
    mutationFn: (input: { person: PersonCard; text: string; acknowledgeFormLetter?: boolean }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/{id}/people/{profileId}/note', {
          params: { path: { ws: workspaceId, id: accountId, profileId: input.person.id } },
          body: {
            text: input.text,
            ...(input.acknowledgeFormLetter ? { acknowledgeFormLetter: true } : {}),
          },
        }),
      ),
  })
}
