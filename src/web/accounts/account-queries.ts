import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'

export type Account =
  paths['/api/v1/workspaces/{ws}/accounts']['get']['responses'][200]['content']['application/json']['items'][number]

/** Query keys of the accounts area. */
export const accountKeys = {
  all: ['accounts'] as const,
  list: (workspaceId: string) => [...accountKeys.all, workspaceId, 'list'] as const,
}

/** The workspace's connected accounts (everyone in it may see them and their state). */
export function useAccounts(workspaceId: string) {
  return useQuery({
    queryKey: accountKeys.list(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/accounts', { params: { path: { ws: workspaceId } } }),
      ),
  })
}

export const reviewKeys = {
  all: ['review'] as const,
  list: (workspaceId: string) => [...reviewKeys.all, workspaceId, 'list'] as const,
}

/** Deliveries held for review in the workspace (the Review page shares this key). */
export function useHeldDeliveries(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: reviewKeys.list(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/review', { params: { path: { ws: workspaceId } } })),
    enabled,
  })
}

export function useConnectBluesky(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { identifier: string; appPassword: string; service?: string }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/bluesky', {
          params: { path: { ws: workspaceId } },
          body,
        }),
      ),
    onSuccess: () => {
      queryClient.invalidateQueries({ queryKey: accountKeys.list(workspaceId) })
      queryClient.invalidateQueries({ queryKey: reviewKeys.list(workspaceId) })
    },
  })
}

/** Starts the OAuth flow; the caller sends the browser to the answer's `authorizeUrl`. */
export function useStartMastodon(workspaceId: string) {
  return useMutation({
    mutationFn: (instance: string) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/mastodon', {
          params: { path: { ws: workspaceId } },
          body: { instance },
        }),
      ),
  })
}

export function useVerifyAccount(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/accounts/{id}/verify', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: accountKeys.list(workspaceId) }),
  })
}

/**
 * Disconnecting drops the account from the list at once and puts it back if the server
 * refuses; what it had scheduled waits in review.
 */
export function useDisconnectAccount(workspaceId: string) {
  const queryClient = useQueryClient()
  const key = accountKeys.list(workspaceId)
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/workspaces/{ws}/accounts/{id}', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<{ items: Account[] }>(key)
      if (before) queryClient.setQueryData(key, { items: before.items.filter((a) => a.id !== id) })
      return { before }
    },
    onError: (_error, _id, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before)
    },
    onSettled: () => {
      queryClient.invalidateQueries({ queryKey: key })
      queryClient.invalidateQueries({ queryKey: reviewKeys.list(workspaceId) })
    },
  })
}
