import {
  keepPreviousData,
  useInfiniteQuery,
  useMutation,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import type { components } from '../../client/openapi.d.ts'
import { api, unwrap } from '../api/api.ts'

export type Suggestion = components['schemas']['Suggestion']
export type Source = components['schemas']['Source']
export type SourceCounts = components['schemas']['SourceCounts']
export type SourceStatus = Source['health']['status']
export type SourceFilters = { q?: string; status?: SourceStatus }
export type Topic = components['schemas']['Topics']['topics'][number]
export type ComposerStart = components['schemas']['ComposerStart']
export type SuggestionFilters = {
  state: 'new' | 'saved'
  topic?: string
  sourceId?: string
}
type ImportResult =
  paths['/api/v1/workspaces/{ws}/sources/import']['post']['responses'][201]['content']['application/json']

/** Query keys of the curate area. */
export const curateKeys = {
  all: ['curate'] as const,
  suggestions: (workspaceId: string, filters?: SuggestionFilters) =>
    filters
      ? ([...curateKeys.all, workspaceId, 'suggestions', filters] as const)
      : ([...curateKeys.all, workspaceId, 'suggestions'] as const),
  sources: (workspaceId: string) => [...curateKeys.all, workspaceId, 'sources'] as const,
  sourceList: (workspaceId: string, filters: SourceFilters) =>
    [...curateKeys.sources(workspaceId), 'list', filters] as const,
  sourceCounts: (workspaceId: string) => [...curateKeys.sources(workspaceId), 'counts'] as const,
  sourceOptions: (workspaceId: string, q: string) =>
    [...curateKeys.sources(workspaceId), 'options', q] as const,
  topics: (workspaceId: string) => [...curateKeys.all, workspaceId, 'topics'] as const,
  composerStart: (workspaceId: string, suggestionId: string) =>
    [...curateKeys.all, workspaceId, 'composer-start', suggestionId] as const,
}

/** The ranked queue (or the saved list), best first, each with why it ranks there. */
export function useSuggestions(workspaceId: string, filters: SuggestionFilters) {
  return useQuery({
    queryKey: curateKeys.suggestions(workspaceId, filters),
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/suggestions', {
          params: { path: { ws: workspaceId }, query: { ...filters, limit: 50 } },
        }),
      ),
    refetchInterval: 60_000,
  })
}

/**
 * Saves or skips one suggestion: it leaves the list at once and comes back if the server
 * refuses; the refusal's detail is the error.
 */
export function useDecideSuggestion(workspaceId: string) {
  const client = useQueryClient()
  const lists = curateKeys.suggestions(workspaceId)
  return useMutation({
    mutationFn: ({ id, decision }: { id: string; decision: 'save' | 'skip' }) =>
      unwrap(
        api.POST(`/api/v1/workspaces/{ws}/suggestions/{id}/${decision}`, {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onMutate: async ({ id }) => {
      await client.cancelQueries({ queryKey: lists })
      const before = client.getQueriesData<{ items: Suggestion[] }>({ queryKey: lists })
      for (const [key, data] of before)
        if (data)
          client.setQueryData(key, { ...data, items: data.items.filter((s) => s.id !== id) })
      return { before }
    },
    onError: (_error, _vars, context) => {
      for (const [key, data] of context?.before ?? []) client.setQueryData(key, data)
    },
    onSettled: () => client.invalidateQueries({ queryKey: lists }),
  })
}

/** Shares one: marked shared, and the answer is what the composer opens with. */
export function useShareSuggestion(workspaceId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (id: string) => shareSuggestion(workspaceId, id),
    onSuccess: (shared) => {
      client.setQueryData(curateKeys.composerStart(workspaceId, shared.suggestionId), shared)
      return client.invalidateQueries({ queryKey: curateKeys.suggestions(workspaceId) })
    },
  })
}

async function shareSuggestion(workspaceId: string, id: string): Promise<ComposerStart> {
  const shared = await unwrap(
    api.POST('/api/v1/workspaces/{ws}/suggestions/{id}/share', {
      params: { path: { ws: workspaceId, id } },
    }),
  )
  return shared.composer
}

/**
 * What the composer opens with for a suggestion: left by the Suggestions page when a person
 * shared it, or asked again (sharing twice changes nothing) when the composer is reloaded.
 */
export function useComposerStart(workspaceId: string, suggestionId: string | null) {
  return useQuery({
    queryKey: curateKeys.composerStart(workspaceId, suggestionId ?? ''),
    enabled: suggestionId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: () => shareSuggestion(workspaceId, suggestionId ?? ''),
  })
}

const SOURCES_PAGE = 50

function listSources(
  workspaceId: string,
  query: SourceFilters & { limit: number; before?: string },
) {
  return unwrap(
    api.GET('/api/v1/workspaces/{ws}/sources', { params: { path: { ws: workspaceId }, query } }),
  )
}

/**
 * The sources by title, a page of 50 at a time (a workspace may follow 10,000), narrowed by
 * a search and a health status. Health changes as workers poll: while any source waits for
 * its first read, the loaded pages are read again every few seconds.
 */
export function useSourceList(workspaceId: string, filters: SourceFilters) {
  return useInfiniteQuery({
    queryKey: curateKeys.sourceList(workspaceId, filters),
    initialPageParam: undefined as string | undefined,
    queryFn: ({ pageParam }) =>
      listSources(workspaceId, {
        ...filters,
        limit: SOURCES_PAGE,
        ...(pageParam ? { before: pageParam } : {}),
      }),
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) => {
      const pages = query.state.data?.pages ?? []
      const busy =
        (pages[0]?.counts.pending ?? 0) > 0 ||
        pages.some((p) => p.items.some((s) => s.health.polling))
      return busy ? 3_000 : 60_000
    },
  })
}

/** How many sources the workspace follows, in all and by health status. */
export function useSourceCounts(workspaceId: string) {
  return useQuery({
    queryKey: curateKeys.sourceCounts(workspaceId),
    queryFn: async () => (await listSources(workspaceId, { limit: 1 })).counts,
    refetchInterval: (query) => ((query.state.data?.pending ?? 0) > 0 ? 3_000 : 60_000),
  })
}

/** Sources whose title, address or folder contains `q`: the choices of a source filter. */
export function useSourceOptions(workspaceId: string, q: string) {
  return useQuery({
    queryKey: curateKeys.sourceOptions(workspaceId, q),
    queryFn: async () => (await listSources(workspaceId, { limit: 20, ...(q ? { q } : {}) })).items,
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  })
}

/** After anything that changes sources, their suggestions change too. */
function useRefreshCurate(workspaceId: string) {
  const client = useQueryClient()
  return () =>
    Promise.all([
      client.invalidateQueries({ queryKey: curateKeys.sources(workspaceId) }),
      client.invalidateQueries({ queryKey: curateKeys.suggestions(workspaceId) }),
    ])
}

export function useAddSource(workspaceId: string) {
  const refresh = useRefreshCurate(workspaceId)
  return useMutation({
    mutationFn: (body: { url: string }) =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/sources', {
          params: { path: { ws: workspaceId } },
          body,
        }),
      ),
    onSuccess: refresh,
  })
}

export function useChangeSource(workspaceId: string) {
  const refresh = useRefreshCurate(workspaceId)
  return useMutation({
    mutationFn: ({ id, weight }: { id: string; weight: number }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/sources/{id}', {
          params: { path: { ws: workspaceId, id } },
          body: { weight },
        }),
      ),
    onSettled: refresh,
  })
}

export function useRemoveSource(workspaceId: string) {
  const refresh = useRefreshCurate(workspaceId)
  return useMutation({
    mutationFn: (id: string) =>
      unwrap(
        api.DELETE('/api/v1/workspaces/{ws}/sources/{id}', {
          params: { path: { ws: workspaceId, id } },
        }),
      ),
    onSuccess: refresh,
  })
}

/** Imports an OPML file's text; its feeds are polled right after. */
export function useImportOpml(workspaceId: string) {
  const refresh = useRefreshCurate(workspaceId)
  return useMutation({
    mutationFn: (opml: string): Promise<ImportResult> =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/sources/import', {
          params: { path: { ws: workspaceId } },
          body: { opml },
        }),
      ),
    onSuccess: refresh,
  })
}

/** Where the browser downloads the OPML file from (a download, not data this page reads). */
export const EXPORT_PATH: keyof paths = '/api/v1/workspaces/{ws}/sources/export'

export function useTopics(workspaceId: string) {
  return useQuery({
    queryKey: curateKeys.topics(workspaceId),
    queryFn: () =>
      unwrap(api.GET('/api/v1/workspaces/{ws}/topics', { params: { path: { ws: workspaceId } } })),
  })
}

export function useSetTopics(workspaceId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: (topics: Topic[]) =>
      unwrap(
        api.PUT('/api/v1/workspaces/{ws}/topics', {
          params: { path: { ws: workspaceId } },
          body: { topics },
        }),
      ),
    onSuccess: (saved) => {
      client.setQueryData(curateKeys.topics(workspaceId), saved)
      return client.invalidateQueries({ queryKey: curateKeys.suggestions(workspaceId) })
    },
  })
}
