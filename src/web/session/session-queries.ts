import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'
import { ApiProblem } from '../api/api-problem.ts'
import { sessionKeys } from './session-keys.ts'

export type Me = paths['/api/v1/me']['get']['responses'][200]['content']['application/json']
export type MyWorkspace = Me['workspaces'][number]

/** The person logged in, with their workspaces and roles; null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: sessionKeys.me(),
    queryFn: async (): Promise<Me | null> => {
      try {
        return await unwrap(api.GET('/api/v1/me'))
      } catch (error) {
        if (error instanceof ApiProblem && error.status === 401) return null
        throw error
      }
    },
  })
}

/** Whether this instance still needs its first person (then every page is the setup page). */
export function useSetupState() {
  return useQuery({
    queryKey: sessionKeys.setup(),
    queryFn: () => unwrap(api.GET('/api/v1/setup')),
    staleTime: Number.POSITIVE_INFINITY,
  })
}

export function useSetUp() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string; name?: string; workspace: string }) =>
      unwrap(api.POST('/api/v1/setup', { body })),
    // Who is logged in first, then "set up": so the app never sees a set-up instance and nobody.
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: sessionKeys.me() })
      queryClient.setQueryData(sessionKeys.setup(), { needed: false })
    },
  })
}

export function useLogIn() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { email: string; password: string }) =>
      unwrap(api.POST('/api/v1/auth/login', { body })),
    // Everything cached belonged to nobody (or someone else): start over as this person.
    onSuccess: () => queryClient.resetQueries(),
  })
}

export function useLogOut() {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (options: { everywhere: boolean }) =>
      unwrap(api.POST('/api/v1/auth/logout', { body: { everywhere: options.everywhere } })),
    onSuccess: () => {
      queryClient.clear()
      queryClient.setQueryData(sessionKeys.me(), null)
    },
  })
}
