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

/**
 * Decoding holds every pixel in memory, 4 bytes each, every frame of an animation at once:
 * 40 megapixels is about 160 MB. PNG and GIF compress flat areas a thousandfold, so the byte
 * limit alone lets a 10 MiB file claim gigapixels.
 */
export const MAX_PIXELS = 40_000_000

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

/** Signatures (offset, bytes) of accepted formats, for a file the image library could not read. */
const DAMAGED: Array<[number, string, string]> = [
  [0, 'GIF8', 'a damaged GIF image'],
  [0, '\x89PNG', 'a damaged PNG image'],
  [0, '\xff\xd8\xff', 'a damaged JPEG image'],
  [8, 'WEBP', 'a damaged WebP image'],
]

/** A name for bytes that are not an accepted image, for the refusal to say what was sent. */
export function describeBytes(bytes: Uint8Array, format?: string): string {
  if (format) return `an image in the ${format} format`
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 8))
  if (head.startsWith('%PDF')) return 'a PDF document'
  if (head.startsWith('PK\u0003\u0004')) return 'a ZIP archive'
  const damaged = DAMAGED.find(([at, signature]) =>
    [...signature].every((char, i) => bytes[at + i] === char.charCodeAt(0)),
  )
  if (damaged) return damaged[2]
  if (bytes.length === 0) return 'an empty file'
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(0, 4096))
    if (!bytes.subarray(0, 4096).includes(0)) return 'text'
  } catch {
    // not UTF-8: fall through to binary
  }
  return 'binary data of no image format'
}

/** Why an image of this size is refused, or null; judged from the header, before decoding. */
export function pixelProblem(size: {
  width: number
  height: number
  frames?: number
}): string | null {
  const frames = size.frames ?? 1
  const pixels = size.width * size.height * frames
  if (pixels <= MAX_PIXELS) return null
  const limit = `the limit is ${MAX_PIXELS / 1e6} megapixels`
  const dimensions = `${size.width.toLocaleString('en-US')} × ${size.height.toLocaleString('en-US')} pixels`
  // Rounded up, so an image just over the limit never reads as 40.0.
  const megapixels = (Math.ceil(pixels / 1e5) / 10).toFixed(1)
  return frames > 1
    ? `The animation has ${frames} frames of ${dimensions} (${megapixels} megapixels in all); ${limit}`
    : `The image is ${dimensions} (${megapixels} megapixels); ${limit}`
}
