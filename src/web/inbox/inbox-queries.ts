import {
  type InfiniteData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

type Schemas = components['schemas']
// The generated types render a nullable reference as `X & (Record<string, never> | null)`,
// which no value fits; the API sends X or null (a feedback-form or listening message has no
// author), so these say that, and the two reads below are cast to them.
export type InboxPerson = NonNullable<Schemas['InboxPerson']>
export type InboxItem = Omit<Schemas['InboxItem'], 'author'> & { author: InboxPerson | null }
export type InboxDetail = Omit<Schemas['InboxItemDetail'], 'item' | 'person'> & {
  item: InboxItem
  person: Schemas['InboxPersonView'] | null
}
export type InboxPage = { items: InboxItem[]; next: string | null }
export type Snippet = components['schemas']['Snippet']
export type InboxFilters = NonNullable<
  paths['/api/v1/workspaces/{ws}/inbox']['get']['parameters']['query']
>
export type ItemChanges = NonNullable<
  paths['/api/v1/workspaces/{ws}/inbox/{itemId}']['patch']['requestBody']
>['content']['application/json']
export type ReplyBody = NonNullable<
  paths['/api/v1/workspaces/{ws}/inbox/{itemId}/reply']['post']['requestBody']
>['content']['application/json']

/** Query keys of the inbox area. */
export const inboxKeys = {
  all: ['inbox'] as const,
  lists: (workspaceId: string) => [...inboxKeys.all, workspaceId, 'list'] as const,
  list: (workspaceId: string, filters: InboxFilters) =>
    [...inboxKeys.lists(workspaceId), filters] as const,
  item: (workspaceId: string, itemId: string) =>
    [...inboxKeys.all, workspaceId, 'item', itemId] as const,
  counts: (workspaceId: string) => [...inboxKeys.all, workspaceId, 'counts'] as const,
  snippets: (workspaceId: string) => [...inboxKeys.all, workspaceId, 'snippets'] as const,
  settings: (workspaceId: string) => [...inboxKeys.all, workspaceId, 'settings'] as const,
}

/** The inbox, high priority first then newest, 50 at a time ("Load older"). */
export function useInbox(workspaceId: string, filters: Omit<InboxFilters, 'before'>) {
  return useInfiniteQuery({
    queryKey: inboxKeys.list(workspaceId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      unwrap<unknown>(
        api.GET('/api/v1/workspaces/{ws}/inbox', {
          params: {
            path: { ws: workspaceId },
            query: { ...filters, ...(pageParam ? { before: pageParam } : {}) },
          },
        }),
      ) as Promise<InboxPage>,
    getNextPageParam: (last) => last.next ?? undefined,
    // The waited time and overdue flags move with the clock even when nothing arrives.
    refetchInterval: 60_000,
  })
}

export function useInboxItem(workspaceId: string, itemId: string | null) {
  return useQuery({
    queryKey: inboxKeys.item(workspaceId, itemId ?? ''),
    queryFn: () =>
      unwrap<unknown>(
        api.GET('/api/v1/workspaces/{ws}/inbox/{itemId}', {
          params: { path: { ws: workspaceId, itemId: itemId ?? '' } },
        }),
      ) as Promise<InboxDetail>,
    enabled: itemId !== null,
  })
}

export function useInboxCounts(workspaceId: string) {
  return useQuery({
    queryKey: inboxKeys.counts(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/inbox/counts', { params: { path: { ws: workspaceId } } }),
      ),
  })
}

export function useSnippets(workspaceId: string) {
  return useQuery({
    queryKey: inboxKeys.snippets(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/snippets', { params: { path: { ws: workspaceId } } }),
      ),
    staleTime: 60_000,
  })
}

export function useInboxSettings(workspaceId: string) {
  return useQuery({
    queryKey: inboxKeys.settings(workspaceId),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/inbox-settings', {
          params: { path: { ws: workspaceId } },
        }),
      ),
  })
}

/**
 * Triage: the item changes in every loaded list at once (and leaves lists whose status filter
 * it no longer fits after the server answers); put back when the server refuses.
 */
export function useUpdateItem(workspaceId: string) {
  const queryClient = useQueryClient()
  const lists = inboxKeys.lists(workspaceId)
  return useMutation({
    mutationFn: ({ itemId, changes }: { itemId: string; changes: ItemChanges }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/inbox/{itemId}', {
          params: { path: { ws: workspaceId, itemId } },
          body: changes,
        }),
      ),
    onMutate: async ({ itemId, changes }) => {
      await queryClient.cancelQueries({ queryKey: lists })
      const before = queryClient.getQueriesData<InfiniteData<InboxPage>>({ queryKey: lists })
      queryClient.setQueriesData<InfiniteData<InboxPage>>({ queryKey: lists }, (data) =>
        data ? mapItems(data, itemId, (item) => ({ ...item, ...localChanges(changes) })) : data,
      )
      return { before }
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.before ?? []) queryClient.setQueryData(key, data)
    },
    onSettled: (_data, _error, { itemId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: lists }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.item(workspaceId, itemId) }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.counts(workspaceId) }),
      ]),
  })
}

/** A reply, sent once through the account the message came to (or waiting for approval). */
export function useReply(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: ({ itemId, body }: { itemId: string; body: ReplyBody }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/inbox/{itemId}/reply', {
          params: { path: { ws: workspaceId, itemId } },
          body,
        }),
      ),
    onSuccess: (_data, { itemId }) =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.item(workspaceId, itemId) }),
        queryClient.invalidateQueries({ queryKey: inboxKeys.counts(workspaceId) }),
      ]),
  })
}

function mapItems(
  data: InfiniteData<InboxPage>,
  itemId: string,
  change: (item: InboxItem) => InboxItem,
): InfiniteData<InboxPage> {
  return {
    ...data,
    pages: data.pages.map((page) => ({
      ...page,
      items: page.items.map((item) => (item.id === itemId ? change(item) : item)),
    })),
  }
}

/** A change as the list shows it before the server's answer (an ISO time stays as given). */
function localChanges(changes: ItemChanges): Partial<InboxItem> {
  const local: Partial<InboxItem> = {}
  if (changes.status) local.status = changes.status
  if (changes.assigneeId !== undefined) local.assigneeId = changes.assigneeId
  if (changes.snoozeUntil !== undefined) local.snoozeUntil = changes.snoozeUntil
  if (changes.tags) local.tags = changes.tags
  if (changes.kind) local.kind = changes.kind
  return local
}

export type InboxSettings = components['schemas']['InboxSettings']

/** Business hours, the first-response target, the feedback link; refused fields come back as the error. */
export function useSaveInboxSettings(workspaceId: string) {
  const queryClient = useQueryClient()
  return useMutation({
    mutationFn: (settings: InboxSettings) =>
      unwrap(
        api.PUT('/api/v1/workspaces/{ws}/inbox-settings', {
          params: { path: { ws: workspaceId } },
          body: settings,
        }),
      ),
    onSuccess: (saved) => {
      queryClient.setQueryData(inboxKeys.settings(workspaceId), saved)
      return queryClient.invalidateQueries({ queryKey: inboxKeys.lists(workspaceId) })
    },
  })
}
