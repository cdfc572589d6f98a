import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'
import { queueKeys } from '../queues/queue-queries.ts'
import { reviewKeys } from '../review/review-queries.ts'

export type CalendarEntry = components['schemas']['CalendarEntry']

/** Query keys of the calendar area. */
export const calendarKeys = {
  all: ['calendar'] as const,
  workspace: (workspaceId: string) => [...calendarKeys.all, workspaceId] as const,
  range: (workspaceId: string, from: string, to: string) =>
    [...calendarKeys.workspace(workspaceId), from, to] as const,
}

/** Every delivery due in [from, to) across the workspace's accounts, in time order. */
export function useCalendar(workspaceId: string, from: Date, to: Date) {
  const range = { from: from.toISOString(), to: to.toISOString() }
  return useQuery({
    queryKey: calendarKeys.range(workspaceId, range.from, range.to),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/calendar', {
          params: { path: { ws: workspaceId }, query: range },
        }),
      ),
    // What the worker does (published, in review) shows up without a reload.
    refetchInterval: 30_000,
  })
}

type Calendar = { items: CalendarEntry[] }

/**
 * Moves a post (its scheduled variants) to another time. The calendar shows it there at
 * once and puts it back when the server refuses; the refusal's detail is the error.
 */
export function useReschedulePost(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ postId, at }: { postId: string; at: Date }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/posts/{id}/reschedule', {
          params: { path: { ws: workspaceId, id: postId } },
          body: { at: at.toISOString() },
        }),
      ),
    onMutate: async ({ postId, at }) => {
      const key = calendarKeys.workspace(workspaceId)
      await queryClient.cancelQueries({ queryKey: key })
      const before = queryClient.getQueriesData<Calendar>({ queryKey: key })
      queryClient.setQueriesData<Calendar>({ queryKey: key }, (data) =>
        data
          ? {
              items: data.items.map((entry) =>
                entry.postId === postId && entry.state === 'scheduled'
                  ? { ...entry, dueAt: at.toISOString() }
                  : entry,
              ),
            }
          : data,
      )
      return { before }
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: calendarKeys.workspace(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: reviewKeys.all }),
        queryClient.invalidateQueries({ queryKey: queueKeys.all }),
      ]),
  })
}
