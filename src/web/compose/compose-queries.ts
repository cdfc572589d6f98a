import {
  keepPreviousData,
  useMutation,
  useQueries,
  useQuery,
  useQueryClient,
} from '@tanstack/react-query'
import type { paths } from '../../client/create-api-client.ts'
import { api, unwrap } from '../api/api.ts'
import { ApiProblem } from '../api/api-problem.ts'
import { mediaContentPath } from '../api/media-path.ts'
import { postKeys } from '../post/post-queries.ts'
import { draftFromPost } from './draft-from-post.ts'

type PostsPath = paths['/api/v1/workspaces/{ws}/posts']
export type PostInput = PostsPath['post']['requestBody']['content']['application/json']
export type SavedPost = PostsPath['post']['responses'][201]['content']['application/json']
export type Media =
  paths['/api/v1/workspaces/{ws}/media']['post']['responses'][201]['content']['application/json']
export type MediaItem =
  paths['/api/v1/workspaces/{ws}/media/{id}']['get']['responses'][200]['content']['application/json']
export type Queue =
  paths['/api/v1/workspaces/{ws}/accounts/{id}/queue']['get']['responses'][200]['content']['application/json']
export type LinkPreview =
  paths['/api/v1/workspaces/{ws}/link-preview']['post']['responses'][200]['content']['application/json']

/** Query keys of the compose area. */
export const composeKeys = {
  all: ['compose'] as const,
  queue: (workspaceId: string, accountId: string) =>
    [...composeKeys.all, workspaceId, 'queue', accountId] as const,
  linkPreview: (workspaceId: string, url: string) =>
    [...composeKeys.all, workspaceId, 'link-preview', url] as const,
  labels: (workspaceId: string, text: string) =>
    [...composeKeys.all, workspaceId, 'labels', text] as const,
}

/** Each chosen account's queue: its time zone and next free slots. */
export function useQueues(workspaceId: string, accountIds: string[]) {
  return useQueries({
    queries: accountIds.map((id) => ({
      queryKey: composeKeys.queue(workspaceId, id),
      queryFn: () =>
        unwrap(
          api.GET('/api/v1/workspaces/{ws}/accounts/{id}/queue', {
            params: { path: { ws: workspaceId, id } },
          }),
        ),
    })),
  })
}

/**
 * The card networks will show for a link; asked for once per address. `known`: a card
 * already read for it (a shared suggestion's), shown without asking again.
 */
export function useLinkPreview(workspaceId: string, url: string | null, known?: LinkPreview) {
  return useQuery({
    queryKey: composeKeys.linkPreview(workspaceId, url ?? ''),
    enabled: url !== null,
    staleTime: 10 * 60_000,
    initialData: known && known.url === url ? known : undefined,
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/link-preview', {
          params: { path: { ws: workspaceId } },
          body: { url: url ?? '' },
        }),
      ),
  })
}

/**
 * Topics and an approach suggested from the idea's text, each with the words that decided.
 * The caller passes the text after a pause in typing; the last suggestions stay meanwhile.
 */
export function useLabelSuggestions(workspaceId: string, text: string) {
  return useQuery({
    queryKey: composeKeys.labels(workspaceId, text),
    enabled: text.trim().length > 0,
    staleTime: 10 * 60_000,
    placeholderData: keepPreviousData,
    queryFn: () =>
      unwrap(
        api.POST('/api/v1/workspaces/{ws}/labels/suggest', {
          params: { path: { ws: workspaceId } },
          body: { text },
        }),
      ),
  })
}

/** Saves the post: scheduled when `schedule` is given, else a draft; a reopened one is rewritten (PUT). */
export function useSavePost(workspaceId: string) {
  const client = useQueryClient()
  return useMutation({
    mutationFn: ({ postId, input }: { postId: string | null; input: PostInput }) =>
      unwrap(
        postId
          ? api.PUT('/api/v1/workspaces/{ws}/posts/{id}', {
              params: { path: { ws: workspaceId, id: postId } },
              body: input,
            })
          : api.POST('/api/v1/workspaces/{ws}/posts', {
              params: { path: { ws: workspaceId } },
              body: input,
            }),
      ),
    onSuccess: () => client.invalidateQueries({ queryKey: ['posts'] }),
  })
}

/** The workspace's drafts, newest first (the first page: enough to pick one up again). */
export function useDrafts(workspaceId: string) {
  return useQuery({
    queryKey: [...postKeys.all, workspaceId, 'drafts'],
    queryFn: () =>
      unwrap(
        api.GET('/api/v1/workspaces/{ws}/posts', {
          params: { path: { ws: workspaceId }, query: { status: 'draft', limit: 20 } },
        }),
      ),
  })
}

/** A saved post and its images, back in the composer's shape. */
export function useReopenedDraft(workspaceId: string, postId: string | null) {
  return useQuery({
    queryKey: [...postKeys.all, workspaceId, 'reopen', postId],
    enabled: postId !== null,
    staleTime: Number.POSITIVE_INFINITY,
    queryFn: async () => {
      const post = await unwrap(
        api.GET('/api/v1/workspaces/{ws}/posts/{id}', {
          params: { path: { ws: workspaceId, id: postId ?? '' } },
        }),
      )
      const ids = new Set(
        post.variants.flatMap((v) => [...v.mediaIds, ...v.thread.flatMap((t) => t.mediaIds ?? [])]),
      )
      const items = await Promise.all(
        [...ids].map((id) =>
          api
            .GET('/api/v1/workspaces/{ws}/media/{id}', {
              params: { path: { ws: workspaceId, id } },
            })
            .then((r) => r.data),
        ),
      )
      const media = new Map(items.flatMap((m) => (m ? [[m.id, m] as const] : [])))
      return draftFromPost(post, media, (id) => mediaContentPath(workspaceId, id))
    },
  })
}

export function useAltText(workspaceId: string) {
  return useMutation({
    mutationFn: ({ id, altText }: { id: string; altText: string }) =>
      unwrap(
        api.PATCH('/api/v1/workspaces/{ws}/media/{id}', {
          params: { path: { ws: workspaceId, id } },
          body: { altText },
        }),
      ),
  })
}

const MEDIA_PATH: keyof paths = '/api/v1/workspaces/{ws}/media'

/**
 * Uploads an image with progress. The typed client (fetch) reports no upload progress, so
 * this one call is an XMLHttpRequest to the documented path, typed by the client's `paths`.
 */
export function uploadMedia(
  workspaceId: string,
  file: File,
  onProgress: (fraction: number) => void,
): Promise<Media> {
  return new Promise((resolve, reject) => {
    const form = new FormData()
    form.set('file', file)
    const request = new XMLHttpRequest()
    request.open('POST', MEDIA_PATH.replace('{ws}', encodeURIComponent(workspaceId)))
    request.responseType = 'json'
    request.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(event.loaded / event.total)
    }
    request.onerror = () => reject(ApiProblem.unreachable())
    request.onload = () => {
      if (request.status === 201) return resolve(request.response as Media)
      const headers = new Headers()
      const retry = request.getResponseHeader('retry-after')
      if (retry) headers.set('retry-after', retry)
      reject(
        ApiProblem.fromResponse(
          request.response,
          new Response(null, { status: request.status, headers }),
        ),
      )
    }
    request.send(form)
  })
}
