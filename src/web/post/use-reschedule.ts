import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/api.ts'
import { calendarKeys } from '../calendar/calendar-queries.ts'
import { postKeys } from './post-queries.ts'

export type RescheduleChoice = { at: string } | { slot: true } | { now: true }

/** Moves the post (its untouched variants; drafts are checked and scheduled); the server decides. */
export function useReschedule(workspaceId: string, id: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (choice: RescheduleChoice) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/posts/{id}/reschedule', {
          params: { path: { ws: workspaceId, id } },
          body: choice,
        }),
      ),
    onSuccess: (result) => client.setQueryData(postKeys.detail(workspaceId, id), result.post),
    onSettled: () =>
      Promise.all([
        client.invalidateQueries({ queryKey: postKeys.all }),
        client.invalidateQueries({ queryKey: calendarKeys.workspace(workspaceId) }),
      ]),
  })
}
