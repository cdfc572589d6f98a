/** The image formats Sous stores, by the format name its image library reads from the bytes. */
export const MEDIA_TYPES = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
  gif: 'image/gif',
} as const

export type MediaFormat = keyof typeof MEDIA_TYPES
export type MediaType = (typeof MEDIA_TYPES)[MediaFormat]

/** The upload limit. Each network's own, smaller limit is checked when a post is scheduled. */
export const MAX_UPLOAD_BYTES = 10 * 1024 * 1024

/** Bluesky allows 2,000 graphemes and Mastodon 1,500 characters: the smaller bound, in code points. */
export const MAX_ALT_TEXT = 1000

export function mediaTypeOf(format: string | undefined): MediaType | null {
  return format !== undefined && Object.hasOwn(MEDIA_TYPES, format)
    ? MEDIA_TYPES[format as MediaFormat]
    : null
}

/** Why this alt text cannot be stored, or null. Counted in code points, so emoji count once. */
export function altTextProblem(altText: string): string | null {
  const length = [...altText].length
  return length > MAX_ALT_TEXT
    ? `Alt text is limited to ${MAX_ALT_TEXT} characters; this has ${length}`
    : null
}

/** A name for bytes that are not an accepted image, for the refusal to say what was sent. */
export function describeBytes(bytes: Uint8Array, format?: string): string {
  if (format) return `an image in the ${format} format`
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8))
  if (head.startsWith('%PDF')) return 'a PDF document'
  if (head.startsWith('PK\u0003\u0004')) return 'a ZIP archive'
  if (bytes.length === 0) return 'an empty file'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096))
    if (!bytes.subarray(0, 4096).includes(0)) return 'text'
  } catch {
    // not UTF-8: fall through to binary
  }
  return 'binary data of no image format'
}
