import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

export type Queue = components['schemas']['Queue']
export type Slot = Queue['slots'][number]

/** Query keys of the queues area. */
export const queueKeys = {
  all: ['queues'] as const,
  account: (workspaceId: string, accountId: string) =>
    [...queueKeys.all, workspaceId, accountId] as const,
}

/** An account's weekly slots, its time zone and its next free slots. */
export function useQueue(workspaceId: string, accountId: string) {
  return useQuery({
    queryKey: queueKeys.account(workspaceId, accountId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/accounts/{id}/queue', {
          params: { path: { ws: workspaceId, id: accountId } },
        }),
      ),
  })
}

/** Saves an account's slots; the answer (with its next free slots) replaces what is shown. */
export function useSaveQueue(workspaceId: string, accountId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (body: { timeZone: string; slots: Slot[] }) =>
      unwrap(
        api.PUT('/api/v1/workspaces/{ws}/accounts/{id}/queue', {
          params: { path: { ws: workspaceId, id: accountId } },
          body,
        }),
      ),
    onSuccess: (queue) =>
      queryClient.setQueryData(queueKeys.account(workspaceId, accountId), queue),
  })
}
