import { checkVariant, sameTextNotice } from '../../core/compose/check-variant.ts'
import type { Account } from '../accounts/account-queries.ts'
import type { PostInput } from './compose-queries.ts'

export type Limits = NonNullable<Account['limits']>

export type ImageDraft = {
  /** Local key until the upload answers with the media id. */
  key: string
  name: string
  previewUrl: string
  progress: number
  media: { id: string; mimeType: string; size: number } | null
  altText: string
  error: string | null
}

export type LinkCard = { url: string; title?: string; description?: string; imageUrl?: string }

/** What the post is measured by: its campaign, topics, approach and click tracking; none required. */
export type Labels = {
  campaignId: string | null
  topics: string[]
  approach: NonNullable<PostInput['approach']> | null
  clickTracking: boolean
}

export const noLabels: Labels = {
  campaignId: null,
  topics: [],
  approach: null,
  clickTracking: false,
}

export type Draft = {
  /** The post being rewritten (saved with PUT), or null for a new one. */
  postId: string | null
  /** The idea: the first post and the thread after it, as written once. */
  segments: string[]
  /** Each post of the idea's thread has its own images, by position. */
  images: ImageDraft[][]
  chosen: string[]
  /** A variant's own posts once a person edits it; absent while it follows the idea. */
  forks: Record<string, string[]>
  /** The idea's language ('' for none said), and a variant's own where it differs. */
  language: string
  languages: Record<string, string>
  contentWarning: string
  /** The card saved with a reopened draft: kept when its page cannot be read again. */
  savedLink: LinkCard | null
  when: 'slot' | 'at'
  at: string
  labels: Labels
}

export const emptyDraft: Draft = {
  postId: null,
  segments: [''],
  images: [[]],
  chosen: [],
  forks: {},
  language: '',
  languages: {},
  contentWarning: '',
  savedLink: null,
  when: 'slot',
  at: '',
  labels: noLabels,
}

export function segmentsOf(draft: Draft, accountId: string): string[] {
  return draft.forks[accountId] ?? draft.segments
}

/** The images of each of a variant's posts: the idea's post at the same position. */
export function imagesOf(draft: Draft, accountId: string): ImageDraft[][] {
  return segmentsOf(draft, accountId).map((_, index) => draft.images[index] ?? [])
}

export function languageOf(draft: Draft, accountId: string): string {
  return draft.languages[accountId] ?? draft.language
}

export function allImages(draft: Draft): ImageDraft[] {
  return draft.images.flat()
}

/** What would stop this variant, by the same checks the server runs (core/compose). */
export function localProblems(draft: Draft, account: Account): string[] {
  if (!account.limits) return []
  const images = imagesOf(draft, account.id).map((own) =>
    own.flatMap((image) => (image.media ? [{ ...image.media, altText: image.altText }] : [])),
  )
  const segments = segmentsOf(draft, account.id)
  return checkVariant(
    segments.map((text, index) => ({ text, images: images[index] ?? [] })),
    // checkVariant reads only text, media, threads and content warnings, which the API gives.
    { ...account.limits, visibility: false, directMessages: false, languages: false },
    {
      requireAltText: true,
      contentWarning: account.limits.contentWarnings
        ? draft.contentWarning || undefined
        : undefined,
    },
  )
}

export function sameText(draft: Draft, accounts: Account[]): string | null {
  return sameTextNotice(
    accounts.map((a) => ({
      network: networkName(a.network),
      text: segmentsOf(draft, a.id).join('\n'),
    })),
  )
}

export function networkName(network: string): string {
  const names: Record<string, string> = { bluesky: 'Bluesky', mastodon: 'Mastodon', x: 'X' }
  return names[network] ?? network.charAt(0).toUpperCase() + network.slice(1)
}

/** The request for the API: one variant per chosen account, in the order chosen. */
export function toPostInput(
  draft: Draft,
  accounts: Account[],
  link: LinkCard | null,
  schedule: PostInput['schedule'],
): PostInput {
  return {
    text: draft.segments.join('\n\n'),
    variants: accounts.map((account) => {
      const [first = '', ...rest] = segmentsOf(draft, account.id)
      const [firstIds = [], ...restIds] = imagesOf(draft, account.id).map((own) =>
        own.flatMap((i) => (i.media ? [i.media.id] : [])),
      )
      return {
        accountId: account.id,
        text: first,
        mediaIds: firstIds,
        thread: rest.map((text, index) => ({ text, mediaIds: restIds[index] ?? [] })),
        link: link && account.limits?.linkCards ? link : null,
        contentWarning:
          draft.contentWarning && account.limits?.contentWarnings ? draft.contentWarning : null,
        language: languageOf(draft, account.id) || null,
      }
    }),
    ...draft.labels,
    ...(schedule ? { schedule } : {}),
  }
}
