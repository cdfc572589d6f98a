import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'

export type Post =
  paths['/api/v1/workspaces/{ws}/posts/{id}']['get']['responses'][200]['content']['application/json']

/** Query keys of the posts area. */
export const postKeys = {
  all: ['posts'] as const,
  detail: (workspaceId: string, id: string) =>
    [...postKeys.all, workspaceId, 'detail', id] as const,
}

/** One post with each variant's deliveries; refreshed while something is still on its way. */
export function usePost(workspaceId: string, id: string) {
  return useQuery({
    queryKey: postKeys.detail(workspaceId, id),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/posts/{id}', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    refetchInterval: (query) =>
      query.state.data?.variants.some((v) =>
        ['scheduled', 'claimed', 'retry_wait'].includes(v.state),
      )
        ? 15_000
        : false,
  })
}

/** Takes the post off the schedule; it stays as a draft. */
export function useUnschedule(workspaceId: string, id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: () =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/posts/{id}/unschedule', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onSettled: () => client.invalidateQueries({ queryKey: postKeys.detail(workspaceId, id) }),
  })
}
