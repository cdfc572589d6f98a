import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'

export type ApiToken =
  paths['/api/v1/tokens']['get']['responses'][200]['content']['application/json']['items'][number]
export type AuditEntry =
  paths['/api/v1/workspaces/{ws}/audit']['get']['responses'][200]['content']['application/json']['items'][number]
export type BalanceReport =
  paths['/api/v1/workspaces/{ws}/balance']['get']['responses'][200]['content']['application/json']
export type MediaItem =
  paths['/api/v1/workspaces/{ws}/media']['get']['responses'][200]['content']['application/json']['items'][number]

/** Query keys of the settings area (tokens, audit, balance, media, instance). */
export const settingsKeys = {
  all: ['settings'] as const,
  tokens: () => [...settingsKeys.all, 'tokens'] as const,
  audit: (workspaceId: string) => [...settingsKeys.all, workspaceId, 'audit'] as const,
  balance: (workspaceId: string) => [...settingsKeys.all, workspaceId, 'balance'] as const,
  media: (workspaceId: string) => [...settingsKeys.all, workspaceId, 'media'] as const,
  instanceAdmins: () => [...settingsKeys.all, 'instance', 'admins'] as const,
  instanceAudit: () => [...settingsKeys.all, 'instance', 'audit'] as const,
}

export function useTokens() {
  return useQuery({
    queryKey: settingsKeys.tokens(),
    queryFn: () => unwrap(api.GET('/api/v1/tokens')),
  })
}

export function useCreateToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { name: string; workspaceId: string }) =>
      unwrap(api.POST('/api/v1/tokens', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: settingsKeys.tokens() }),
  })
}

export function useRevokeToken() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/tokens/{id}', { params: { path: { id } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.tokens() }),
  })
}

const AUDIT_PAGE = 50

/** The workspace's log, newest first, a page of 50 at a time ("Load older"). */
export function useAudit(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: settingsKeys.audit(workspaceId),
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/audit', {
          params: {
            path: { ws: workspaceId },
            query: { limit: AUDIT_PAGE, ...(pageParam ? { before: pageParam } : {}) },
          },
        }),
      ),
    getNextPageParam: (last) => (last.next ? Number(last.next) : undefined),
  })
}

export function useBalance(workspaceId: string) {
  return useQuery({
    queryKey: settingsKeys.balance(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/balance', { params: { path: { ws: workspaceId } } })),
  })
}

export function useMedia(workspaceId: string) {
  return useInfiniteQuery({
    queryKey: settingsKeys.media(workspaceId),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/media', {
          params: { path: { ws: workspaceId }, query: pageParam ? { before: pageParam } : {} },
        }),
      ),
    getNextPageParam: (last) => last.next ?? undefined,
  })
}

export function useSetAltText(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ id, altText }: { id: string; altText: string }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/media/{id}', {
          params: { path: { ws: workspaceId, id } },
          body: { altText },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.media(workspaceId) }),
  })
}

export function useDeleteMedia(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/workspaces/{ws}/media/{id}', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.media(workspaceId) }),
  })
}

export function useInstanceAdmins(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.instanceAdmins(),
    queryFn: () => unwrap(api.GET('/api/v1/instance/admins')),
    enabled,
  })
}

export function useAddInstanceAdmin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (email: string) => unwrap(api.POST('/api/v1/instance/admins', { body: { email } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.instanceAdmins() }),
  })
}

export function useRemoveInstanceAdmin() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(api.DELETE('/api/v1/instance/admins/{userId}', { params: { path: { userId } } })),
    onSettled: () => queryClient.invalidateQueries({ queryKey: settingsKeys.instanceAdmins() }),
  })
}

/** Where an image's bytes are, for an `<img src>` (the one address the typed client cannot fetch as an image). */
export function useInstanceAudit(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.instanceAudit(),
    queryFn: () => unwrap(api.GET('/api/v1/instance/audit')),
    enabled,
  })
}
