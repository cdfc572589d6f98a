import type { MediaItem } from './compose-queries.ts'
import { type Draft, emptyDraft, type ImageDraft, type Labels, noLabels } from './compose-state.ts'

type Variant = {
  accountId: string | null
  text: string
  mediaIds: string[]
  link: { url: string; title?: string; description?: string; imageUrl?: string } | null
  thread: Array<{ text: string; mediaIds?: string[] }>
  contentWarning: string | null
  language: string | null
}

export type SavedPost = { id: string; text: string | null; variants: Variant[] } & Partial<Labels>

const postsOf = (v: Variant) => [v.text, ...v.thread.map((t) => t.text)]
const mediaOf = (v: Variant) => [v.mediaIds, ...v.thread.map((t) => t.mediaIds ?? [])]
const same = (a: string[], b: string[]) => a.length === b.length && a.every((x, i) => x === b[i])

function mostCommon(values: string[]): string {
  const counts = new Map<string, number>()
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1)
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? ''
}

/**
 * A saved post back in the composer's shape, so that saving it again changes nothing: the
 * idea is the variant written as the post's text (else the text as one post), a variant that
 * differs is a fork, images by thread position, the language most variants share.
 */
export function draftFromPost(
  post: SavedPost,
  media: Map<string, MediaItem>,
  contentPath: (mediaId: string) => string,
): Draft {
  const variants = post.variants.filter((v) => v.accountId !== null)
  const idea =
    variants.map(postsOf).find((posts) => posts.join('\n\n') === post.text) ??
    (post.text !== null ? [post.text] : variants[0] ? postsOf(variants[0]) : [''])
  const forks: Record<string, string[]> = {}
  for (const v of variants) if (!same(postsOf(v), idea)) forks[v.accountId ?? ''] = postsOf(v)

  const withImages = variants.find((v) => mediaOf(v).some((ids) => ids.length > 0))
  const imageIds = withImages ? mediaOf(withImages) : []
  const images = idea.map((_, index) =>
    (imageIds[index] ?? []).map((id): ImageDraft => {
      const item = media.get(id)
      return {
        key: id,
        name: `Image ${id.slice(0, 8)}`,
        previewUrl: contentPath(id),
        progress: 1,
        media: item ? { id, mimeType: item.mimeType, size: item.size } : null,
        altText: item?.altText ?? '',
        error: item ? null : 'This image is no longer in the library: remove it',
      }
    }),
  )

  const language = mostCommon(variants.map((v) => v.language ?? ''))
  const languages: Record<string, string> = {}
  for (const v of variants)
    if ((v.language ?? '') !== language) languages[v.accountId ?? ''] = v.language ?? ''

  return {
    ...emptyDraft,
    postId: post.id,
    segments: idea,
    images,
    chosen: variants.map((v) => v.accountId ?? ''),
    forks,
    language,
    languages,
    contentWarning: variants.find((v) => v.contentWarning)?.contentWarning ?? '',
    savedLink: variants.find((v) => v.link)?.link ?? null,
    labels: {
      campaignId: post.campaignId ?? noLabels.campaignId,
      topics: post.topics ?? noLabels.topics,
      approach: post.approach ?? noLabels.approach,
      clickTracking: post.clickTracking ?? noLabels.clickTracking,
    },
  }
}
