import { useQuery } from '@tanstack/react-query'
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
