import { describe, expect, it } from 'vitest'
import type { Account } from '../accounts/account-queries.ts'
import type { MediaItem } from './compose-queries.ts'
import { emptyDraft, toPostInput } from './compose-state.ts'
import { draftFromPost, type SavedPost } from './draft-from-post.ts'

const limits = {
  text: { kind: 'graphemes', max: 300, maxBytes: 3000 },
  media: {
    maxImages: 4,
    maxImageBytes: 1_000_000,
    imageTypes: ['image/png'],
    altTextMaxLength: 2000,
  },
  threads: true,
  linkCards: true,
  contentWarnings: true,
} as unknown as NonNullable<Account['limits']>
const account = (id: string) => ({ id, network: 'mastodon', limits }) as unknown as Account

const A = '11111111-1111-4111-8111-111111111111'
const B = '22222222-2222-4222-8222-222222222222'
const IMG1 = '33333333-3333-4333-8333-333333333333'
const IMG2 = '44444444-4444-4444-8444-444444444444'
const media = new Map<string, MediaItem>(
  [IMG1, IMG2].map((id) => [
    id,
    {
      id,
      mimeType: 'image/png',
      size: 100,
      width: 1,
      height: 1,
      altText: `alt of ${id.slice(0, 4)}`,
      createdAt: '2026-01-01T00:00:00.000Z',
      usedBy: [],
    },
  ]),
)
const link = { url: 'https://example.com/menu', title: 'Menu' }

const variant = (accountId: string, posts: string[], language: string | null) => ({
  accountId,
  text: posts[0] ?? '',
  mediaIds: [IMG1],
  link,
  thread: posts.slice(1).map((text) => ({ text, mediaIds: [IMG2] })),
  contentWarning: 'food',
  language,
})

describe('a saved post reopened in the composer', () => {
  const post: SavedPost = {
    id: '55555555-5555-4555-8555-555555555555',
    text: 'First\n\nSecond',
    variants: [variant(A, ['First', 'Second'], 'de'), variant(B, ['Own words', 'Second'], 'fr')],
    campaignId: '66666666-6666-4666-8666-666666666666',
    topics: ['rye', 'sourdough'],
    approach: 'question',
    clickTracking: true,
  }
  const draft = draftFromPost(post, media, (id) => `/content/${id}`)

  it('takes the idea from the variant written as the text, and the other as a fork', () => {
    expect(draft.postId).toBe(post.id)
    expect(draft.segments).toEqual(['First', 'Second'])
    expect(draft.forks).toEqual({ [B]: ['Own words', 'Second'] })
    expect(draft.chosen).toEqual([A, B])
  })

  it('keeps each thread post’s images with their alt text, the warning, the card and the languages', () => {
    expect(draft.images.map((own) => own.map((i) => [i.media?.id, i.altText]))).toEqual([
      [[IMG1, 'alt of 3333']],
      [[IMG2, 'alt of 4444']],
    ])
    expect(draft.contentWarning).toBe('food')
    expect(draft.savedLink).toEqual(link)
    expect([draft.language, draft.languages]).toEqual(['de', { [B]: 'fr' }])
  })

  it('saved again unchanged, it is the same post', () => {
    const input = toPostInput(draft, [account(A), account(B)], draft.savedLink, undefined)
    expect(input.text).toBe(post.text)
    expect(input.variants).toEqual(post.variants)
    expect(input).toMatchObject({
      campaignId: post.campaignId,
      topics: post.topics,
      approach: post.approach,
      clickTracking: true,
    })
  })

  it('a new post carries no campaign or labels until a person sets them', () => {
    const input = toPostInput(emptyDraft, [account(A)], null, undefined)
    expect(input).toMatchObject({ campaignId: null, topics: [], approach: null })
    expect(input.clickTracking).toBe(false)
  })

  it('an image gone from the library is shown as gone, not silently dropped', () => {
    const gone = draftFromPost(post, new Map(), (id) => id)
    expect(gone.images[0]?.[0]?.error).toMatch(/no longer in the library/)
  })
})
