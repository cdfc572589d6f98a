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

export type Draft = {
  /** The idea: the first post and the thread after it, as written once. */
  segments: string[]
  chosen: string[]
  /** A variant's own posts once a person edits it; absent while it follows the idea. */
  forks: Record<string, string[]>
  images: ImageDraft[]
  contentWarning: string
  when: 'slot' | 'at'
  at: string
}

export const emptyDraft: Draft = {
  segments: [''],
  chosen: [],
  forks: {},
  images: [],
  contentWarning: '',
  when: 'slot',
  at: '',
}

export function segmentsOf(draft: Draft, accountId: string): string[] {
  return draft.forks[accountId] ?? draft.segments
}

/** What would stop this variant, by the same checks the server runs (core/compose). */
export function localProblems(draft: Draft, account: Account): string[] {
  if (!account.limits) return []
  const images = draft.images.flatMap((image) =>
    image.media ? [{ ...image.media, altText: image.altText }] : [],
  )
  const segments = segmentsOf(draft, account.id)
  return checkVariant(
    segments.map((text, index) => ({ text, images: index === 0 ? images : [] })),
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
  link: { url: string; title?: string; description?: string } | null,
  schedule: PostInput['schedule'],
): PostInput {
  const mediaIds = draft.images.flatMap((i) => (i.media ? [i.media.id] : []))
  return {
    text: draft.segments.join('\n\n'),
    variants: accounts.map((account) => {
      const [first = '', ...rest] = segmentsOf(draft, account.id)
      return {
        accountId: account.id,
        text: first,
        mediaIds,
        thread: rest.map((text) => ({ text })),
        link: link && account.limits?.linkCards ? link : null,
        contentWarning:
          draft.contentWarning && account.limits?.contentWarnings ? draft.contentWarning : null,
      }
    }),
    ...(schedule ? { schedule } : {}),
  }
}
