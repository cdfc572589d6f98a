import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'
import { brakeKeys } from '../brake/brake-queries.ts'

export type SavedSearch = components['schemas']['SavedSearchWithVolume']
export type SpikeSettings = NonNullable<components['schemas']['SpikeSettings']>
export type ListeningStatus = components['schemas']['ListeningStatus']
export type ListenMatch = components['schemas']['ListenMatch']
export type ListenAlert = components['schemas']['ListenAlert']
export type CrisisWatch = components['schemas']['CrisisWatch']
export type NewSearch = NonNullable<
  paths['/api/v1/workspaces/{ws}/searches']['post']['requestBody']
>['content']['application/json']
export type SetCrisisWatch = NonNullable<
  paths['/api/v1/workspaces/{ws}/crisis-watch']['put']['requestBody']
>['content']['application/json']

/** Query keys of the listen area. */
export const listenKeys = {
  all: ['listen'] as const,
  searches: (ws: string) => [...listenKeys.all, ws, 'searches'] as const,
  matches: (ws: string, id: string) => [...listenKeys.all, ws, 'matches', id] as const,
  volume: (ws: string, id: string, hours: number) =>
    [...listenKeys.all, ws, 'volume', id, hours] as const,
  alerts: (ws: string) => [...listenKeys.all, ws, 'alerts'] as const,
  crisisWatch: (ws: string) => [...listenKeys.all, ws, 'crisis-watch'] as const,
}

// Matches arrive within seconds of being posted; the API offers pages, not a stream, so the
// page a person looks at is polled this often.
const LIVE_MS = 3_000
const LIST_MS = 10_000

/** The saved searches with their recent volume, and the state of listening. */
export function useSearches(ws: string) {
  return useQuery({
    queryKey: listenKeys.searches(ws),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/searches', { params: { path: { ws } } })),
    refetchInterval: LIST_MS,
  })
}

/**
 * The matches of a search (or of the crisis watch, by its id), newest first, a page of 50 at
 * a time; the pages loaded are polled while shown, so new matches appear at the top.
 */
export function useMatches(ws: string, id: string) {
  return useInfiniteQuery({
    queryKey: listenKeys.matches(ws, id),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/searches/{id}/matches', {
          params: { path: { ws, id }, query: pageParam ? { before: pageParam } : {} },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    refetchInterval: LIVE_MS,
  })
}

/** Matches per minute over the last `hours`, zeros included, polled while shown. */
export function useVolume(ws: string, id: string, hours: number) {
  return useQuery({
    queryKey: listenKeys.volume(ws, id, hours),
    queryFn: () => {
      const now = Date.now()
      const to = new Date(now - (now % 60_000) + 60_000)
      const from = new Date(to.getTime() - hours * 60 * 60_000)
      return unwrap(
        api.GET('/api/v1/workspaces/{ws}/searches/{id}/volume', {
          params: { path: { ws, id }, query: { from: from.toISOString(), to: to.toISOString() } },
        }),
      )
    },
    refetchInterval: LIVE_MS,
  })
}

export function useCreateSearch(ws: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: NewSearch) =>
      unwrap(api.POST('/api/v1/workspaces/{ws}/searches', { params: { path: { ws } }, body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listenKeys.searches(ws) }),
  })
}

export function useChangeSearch(ws: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, ...body }: Partial<NewSearch> & { id: string }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/searches/{id}', {
          params: { path: { ws, id } },
          body,
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listenKeys.searches(ws) }),
  })
}

export function useDeleteSearch(ws: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/workspaces/{ws}/searches/{id}', { params: { path: { ws, id } } })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: listenKeys.searches(ws) }),
  })
}

/** One match into the inbox as a listening item; a post already there answers `created: false`. */
export function useSendToInbox(ws: string, searchId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (matchId: string) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/searches/{id}/matches/{matchId}/inbox', {
          params: { path: { ws, id: searchId, matchId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['inbox'] }),
  })
}

/**
 * Spike alerts of every search and of crisis watch, newest first, a page of 50 at a time; the
 * pages loaded are polled while shown.
 */
export function useAlerts(ws: string) {
  return useInfiniteQuery({
    queryKey: listenKeys.alerts(ws),
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/alerts', {
          params: { path: { ws }, query: pageParam ? { before: pageParam } : {} },
        }),
      ),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.next,
    refetchInterval: LIST_MS,
  })
}

export function useCrisisWatch(ws: string) {
  return useQuery({
    queryKey: listenKeys.crisisWatch(ws),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/crisis-watch', { params: { path: { ws } } })),
  })
}

export function useSetCrisisWatch(ws: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: SetCrisisWatch) =>
      unwrap(api.PUT('/api/v1/workspaces/{ws}/crisis-watch', { params: { path: { ws } }, body })),
    onSuccess: (watch) => {
      queryClient.setQueryData(listenKeys.crisisWatch(ws), watch)
      return queryClient.invalidateQueries({ queryKey: brakeKeys.all })
    },
  })
}
