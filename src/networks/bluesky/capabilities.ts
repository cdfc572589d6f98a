import { lexicons } from '@atproto/api'
import type { NetworkCapabilities } from '../types.ts'

type LexiconProperty = { maxLength?: number; maxGraphemes?: number; maxSize?: number }

function lexiconProperty(ref: string, property: string): LexiconProperty {
  const def = lexicons.getDefOrThrow(ref) as
    | { properties?: Record<string, LexiconProperty> }
    | { record: { properties: Record<string, LexiconProperty> } }
  const properties = 'record' in def ? def.record.properties : def.properties
  const found = properties?.[property]
  if (!found) throw new Error(`lexicon ${ref} has no property ${property}`)
  return found
}

function required(value: number | undefined, what: string): number {
  if (value === undefined) throw new Error(`the lexicon states no ${what}`)
  return value
}

const postText = lexiconProperty('app.bsky.feed.post', 'text')

/** Limits read from the lexicons shipped with @atproto/api, so an upgrade moves them. */
export const BLUESKY_LIMITS = {
  textGraphemes: required(postText.maxGraphemes, 'post grapheme limit'),
  /** Also a limit: UTF-8 bytes, reached before 300 graphemes by long emoji sequences. */
  textBytes: required(postText.maxLength, 'post byte limit'),
  images: required(lexiconProperty('app.bsky.embed.images', 'images').maxLength, 'image count'),
  /**
   * The lexicon in @atproto/api 0.19.19 says 2,000,000 bytes ("formerly limited to 1 MB"),
   * but PDSes that have not caught up (the pinned test peer, PDS 0.4.217, among them)
   * still validate 1,000,000 and refuse the record only after the upload. The lower figure
   * is the one every PDS accepts.
   */
  imageBytes: Math.min(
    1_000_000,
    required(lexiconProperty('app.bsky.embed.images#image', 'image').maxSize, 'image size'),
  ),
  thumbnailBytes: required(
    lexiconProperty('app.bsky.embed.external#external', 'thumb').maxSize,
    'link-card thumbnail size',
  ),
  /** Not in the lexicon: the limit the Bluesky app enforces for alt text. */
  altTextGraphemes: 2000,
} as const

export const blueskyCapabilities: NetworkCapabilities = {
  text: {
    kind: 'graphemes',
    max: BLUESKY_LIMITS.textGraphemes,
    maxBytes: BLUESKY_LIMITS.textBytes,
  },
  media: {
    maxImages: BLUESKY_LIMITS.images,
    maxImageBytes: BLUESKY_LIMITS.imageBytes,
    imageTypes: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
    altTextMaxLength: BLUESKY_LIMITS.altTextGraphemes,
  },
  threads: true,
  linkCards: true,
  contentWarnings: false,
  visibility: false,
  directMessages: false,
  languages: true,
  // The PDS's documented limit: 3,000 requests per 5 minutes per IP (bsky-docs rate-limits).
  rateLimit: { requests: 3_000, windowMs: 5 * 60_000, per: 'ip' },
}
