import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'

export type Brake =
  paths['/api/v1/brake']['get']['responses'][200]['content']['application/json']['items'][number]
export type PullBrake = NonNullable<
  paths['/api/v1/brake']['post']['requestBody']
>['content']['application/json']

/** Query keys of the brake area. */
export const brakeKeys = {
  all: ['brakes'] as const,
  engaged: () => [...brakeKeys.all, 'engaged'] as const,
}

// Crisis watch may pull a brake at any moment; a person should see it within seconds.
const BRAKE_POLL_MS = 10_000

/** Engaged brakes that hold the person's workspaces, widest first; polled. */
export function useEngagedBrakes() {
  return useQuery({
    queryKey: brakeKeys.engaged(),
    queryFn: () => unwrap(api.GET('/api/v1/brake')),
    refetchInterval: BRAKE_POLL_MS,
    refetchIntervalInBackground: true,
    staleTime: 0,
  })
}

/** The brakes that stop deliveries of this workspace (its own, its accounts', the instance's). */
export function brakesOf(brakes: readonly Brake[], workspaceId: string): Brake[] {
  return brakes.filter((b) => b.scope === 'instance' || b.workspaceId === workspaceId)
}

export function usePullBrake() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: PullBrake) => unwrap(api.POST('/api/v1/brake', { body })),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: brakeKeys.all }),
  })
}

/**
 * Releasing drops the brake from the list at once and puts it back if the server refuses
 * (then the refusal's detail is shown where the person clicked).
 */
export function useReleaseBrake() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(api.DELETE('/api/v1/brake/{id}', { params: { path: { id } } })),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: brakeKeys.engaged() })
      const before = queryClient.getQueryData<{ items: Brake[] }>(brakeKeys.engaged())
      if (before)
        queryClient.setQueryData(brakeKeys.engaged(), {
          items: before.items.filter((b) => b.id !== id),
        })
      return { before }
    },
    onError: (_error, _id, context) => {
      if (context?.before) queryClient.setQueryData(brakeKeys.engaged(), context.before)
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: brakeKeys.all }),
  })
}
