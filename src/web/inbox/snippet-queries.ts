import { useMutation, useQueryClient } from '@tanstack/react-query'
import { api, unwrap } from '../api/api.ts'
import { inboxKeys } from './inbox-queries.ts'

/** Saves a new snippet, or changes one when `snippetId` is given. */
export function useSaveSnippet(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ snippetId, name, text }: { snippetId?: string; name: string; text: string }) =>
      snippetId
        ? unwrap(
            api.PATCH('/api/v1/workspaces/{ws}/snippets/{snippetId}', {
              params: { path: { ws: workspaceId, snippetId } },
              body: { name, text },
            }),
          )
        : unwrap(
            api.POST('/api/v1/workspaces/{ws}/snippets', {
              params: { path: { ws: workspaceId } },
              body: { name, text },
            }),
          ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.snippets(workspaceId) }),
  })
}

export function useDeleteSnippet(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (snippetId: string) =>
      unwrap(
        api.DELETE('/api/v1/workspaces/{ws}/snippets/{snippetId}', {
          params: { path: { ws: workspaceId, snippetId } },
        }),
      ),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: inboxKeys.snippets(workspaceId) }),
  })
}
