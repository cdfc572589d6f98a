import { useQuery } from '@tanstack/react-query'
import { api, unwrap } from '../api/api.ts'

// @NOTE The inbox page's own key for the same counts (inboxKeys.counts), spelled out rather
// than imported so the shell loads no page's code: the page's live updates refresh the menu.
const inboxCountsKey = (workspaceId: string) => ['inbox', workspaceId, 'counts'] as const

// Without the inbox page open nothing pushes changes here; a minute late is fine for a menu.
const COUNTS_POLL_MS = 60_000

/** The inbox counts the menu shows; nothing is asked for when the role may not read the inbox. */
export function useNavCounts(workspaceId: string, enabled: boolean) {
  return useQuery({
    queryKey: inboxCountsKey(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/inbox/counts', { params: { path: { ws: workspaceId } } }),
      ),
    enabled,
    refetchInterval: COUNTS_POLL_MS,
  })
}
