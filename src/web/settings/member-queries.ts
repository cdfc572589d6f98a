import { useQuery } from '@tanstack/react-query'
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
