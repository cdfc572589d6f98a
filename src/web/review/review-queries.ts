import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

export type ReviewEntry = components['schemas']['CalendarEntry']
export type Decision = NonNullable<
  paths['/api/v1/workspaces/{ws}/review/{deliveryId}']['post']['requestBody']
>['content']['application/json']

/** Query keys of the review area. */
export const reviewKeys = {
  all: ['review'] as const,
  list: (workspaceId: string) => [...reviewKeys.all, workspaceId, 'list'] as const,
}

/** Deliveries waiting for a person: due under the brake or unapproved, or their account held. */
export function useReview(workspaceId: string) {
  return useQuery({
    queryKey: reviewKeys.list(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/review', { params: { path: { ws: workspaceId } } })),
    refetchInterval: 15_000,
  })
}

/**
 * Decides one delivery: it leaves the list at once and comes back if the server refuses
 * (publishing now under an engaged brake, say); the refusal's detail is the error.
 */
export function useDecide(workspaceId: string) {
  const queryClient = useQueryClient()
  const key = reviewKeys.list(workspaceId)
  return useMutation({
    mutationFn: ({ deliveryId, decision }: { deliveryId: string; decision: Decision }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/review/{deliveryId}', {
          params: { path: { ws: workspaceId, deliveryId } },
          body: decision,
        }),
      ),
    onMutate: async ({ deliveryId }) => {
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueryData<{ items: ReviewEntry[] }>(key)
      if (before)
        queryClient.setQueryData(key, {
          items: before.items.filter((e) => e.deliveryId !== deliveryId),
        })
      return { before }
    },
    onError: (_error, _vars, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: ['calendar'] }),
      ]),
  })
}
