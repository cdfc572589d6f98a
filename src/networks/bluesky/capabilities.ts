import type { NetworkCapabilities } from '../types.ts'

/**
 * The limits the lexicons shipped with @atproto/api state, written out so that reading them
 * does not load that library (~40 MB of heap) into every process at start;
 * `capabilities.test.ts` reads the lexicons and fails when an upgrade moves one.
 */
export const BLUESKY_LIMITS = {
  /** app.bsky.feed.post#text maxGraphemes */
  textGraphemes: 300,
  /** app.bsky.feed.post#text maxLength — UTF-8 bytes, reached before 300 graphemes by long emoji sequences. */
  textBytes: 3000,
  /** app.bsky.embed.images#images maxLength */
  images: 4,
  /**
   * The lexicon in @atproto/api 0.19.19 says 2,000,000 bytes ("formerly limited to 1 MB"),
   * but PDSes that have not caught up (the pinned test peer, PDS 0.4.217, among them)
   * still validate 1,000,000 and refuse the record only after the upload. The lower figure
   * is the one every PDS accepts.
   */
  imageBytes: 1_000_000,
  /** app.bsky.embed.external#external thumb maxSize */
  thumbnailBytes: 1_000_000,
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
