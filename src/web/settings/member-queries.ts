import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'

export type Member =
  paths['/api/v1/workspaces/{ws}/members']['get']['responses'][200]['content']['application/json']['items'][number]

/** Query keys of the team area. */
export const memberKeys = {
  all: ['members'] as const,
  list: (workspaceId: string) => [...memberKeys.all, workspaceId, 'list'] as const,
}

/** The workspace's members with their roles (everyone in it may see them). */
export function useMembers(workspaceId: string) {
  return useQuery({
    queryKey: memberKeys.list(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/members', { params: { path: { ws: workspaceId } } })),
    staleTime: 60_000,
  })
}

export type Invitation =
  paths['/api/v1/workspaces/{ws}/invitations']['get']['responses'][200]['content']['application/json']['items'][number]
type Role = Member['role']

export const invitationListKeys = {
  list: (workspaceId: string) => [...memberKeys.all, workspaceId, 'invitations'] as const,
}

/** Changing a role shows at once and goes back if the server refuses (e.g. the last owner). */
export function useChangeRole(workspaceId: string) {
  const queryClient = useQueryClient()
  const key = memberKeys.list(workspaceId)
  return useMutation({
    mutationFn: ({ userId, role }: { userId: string; role: Role }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/members/{userId}', {
          params: { path: { ws: workspaceId, userId } },
          body: { role },
        }),
      ),
    onMutate: async ({ userId, role }) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<{ items: Member[] }>(key)
      if (before)
        queryClient.setQueryData(key, {
          items: before.items.map((m) => (m.userId === userId ? { ...m, role } : m)),
        })
      return { before }
    },
    onError: (_error, _input, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  })
}

export function useRemoveMember(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.DELETE('/api/v1/workspaces/{ws}/members/{userId}', {
          params: { path: { ws: workspaceId, userId } },
        }),
      ),
    onSettled: () => queryClient.invalidateQueries({ queryKey: memberKeys.list(workspaceId) }),
  })
}

export function useUnlockLogin(workspaceId: string) {
  return useMutation({
    mutationFn: (userId: string) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/members/{userId}/unlock-login', {
          params: { path: { ws: workspaceId, userId } },
        }),
      ),
  })
}

export function useInvitations(workspaceId: string) {
  return useQuery({
    queryKey: invitationListKeys.list(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/invitations', { params: { path: { ws: workspaceId } } }),
      ),
  })
}

export function useInvite(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; role: Role }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/invitations', {
          params: { path: { ws: workspaceId } },
          body,
        }),
      ),
    onSuccess: () =>
      queryClient.invalidateQueries({ queryKey: invitationListKeys.list(workspaceId) }),
  })
}
