import { useQueryClient } from '@tanstack/react-query'
import { useEffect, useState } from 'react'
import { inboxKeys } from './inbox-queries.ts'

export type LiveState = 'connecting' | 'live' | 'reconnecting'

/**
 * New and changed items without a reload: the inbox's server-sent events name the items
 * that changed, and the lists, counts and those items are fetched again. EventSource cannot
 * go through the typed client (it is not a fetch); it reconnects by itself after a drop.
 */
export function useInboxEvents(workspaceId: string): LiveState {
  const queryClient = useQueryClient()
  const [state, setState] = useState<LiveState>('connecting')
  useEffect(() => {
    const source = new EventSource(`/api/v1/workspaces/${workspaceId}/inbox/events`)
    source.addEventListener('ready', () => setState('live'))
    source.addEventListener('error', () => setState('reconnecting'))
    source.addEventListener('items', (event) => {
      let ids: string[] = []
      try {
        ids = (JSON.parse((event as MessageEvent<string>).data) as { ids: string[] }).ids
      } catch {}
      void queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) })
      void queryClient.invalidateQueries({ queryKey: inboxKeys.counts(workspaceId) })
      for (const id of ids)
        void queryClient.invalidateQueries({ queryKey: inboxKeys.item(workspaceId, id) })
    })
    return () => source.close()
  }, [workspaceId, queryClient])
  return state
}
