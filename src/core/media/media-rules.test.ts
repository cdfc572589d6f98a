import { describe, expect, it } from 'vitest'
import {
  altTextProblem,
  describeBytes,
  MAX_ALT_TEXT,
  MAX_PIXELS,
  mediaTypeOf,
  pixelProblem,
} from './media-rules.ts'

describe('media rules', () => {
  it('accepts jpeg, png, webp and gif only', () => {
    expect(mediaTypeOf('jpeg')).toBe('image/jpeg')
    expect(mediaTypeOf('gif')).toBe('image/gif')
    expect(mediaTypeOf('tiff')).toBeNull()
    expect(mediaTypeOf('toString')).toBeNull()
    expect(mediaTypeOf(undefined)).toBeNull()
  })

  it('counts alt text in code points, up to the smaller network limit', () => {
    expect(altTextProblem('🥖'.repeat(MAX_ALT_TEXT))).toBeNull()
    expect(altTextProblem('a'.repeat(MAX_ALT_TEXT + 1))).toMatch(/limited to 1000.*1001/)
  })

  it('names what was sent instead of an image', () => {
    const bytes = (s: string) => new TextEncoder().encode(s)
    expect(describeBytes(bytes('hello'))).toBe('text')
    expect(describeBytes(bytes('%PDF-1.7'))).toBe('a PDF document')
    expect(describeBytes(new Uint8Array([0x50, 0x4b, 3, 4, 0]))).toBe('a ZIP archive')
    expect(describeBytes(new Uint8Array([0xff, 0, 0xfe]))).toBe('binary data of no image format')
    expect(describeBytes(new Uint8Array())).toBe('an empty file')
    expect(describeBytes(bytes('GIF89a\u0001\u0000junk'))).toBe('a damaged GIF image')
    expect(describeBytes(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 13, 10]))).toBe(
      'a damaged PNG image',
    )
    expect(describeBytes(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]))).toBe('a damaged JPEG image')
    expect(describeBytes(bytes('RIFF\u0000\u0000\u0000\u0000WEBPVP8 '))).toBe(
      'a damaged WebP image',
    )
    expect(describeBytes(bytes('<svg/>'), 'svg')).toBe('an image in the svg format')
  })

  it('caps pixels at 40 megapixels, every frame of an animation counted', () => {
    expect(MAX_PIXELS).toBe(40_000_000)
    expect(pixelProblem({ width: 8000, height: 5000 })).toBeNull()
    expect(pixelProblem({ width: 8000, height: 5001 })).toBe(
      'The image is 8,000 × 5,001 pixels (40.1 megapixels); the limit is 40 megapixels',
    )
    expect(pixelProblem({ width: 16383, height: 16383 })).toBe(
      'The image is 16,383 × 16,383 pixels (268.5 megapixels); the limit is 40 megapixels',
    )
    expect(pixelProblem({ width: 500, height: 500, frames: 160 })).toBeNull()
    expect(pixelProblem({ width: 4000, height: 4000, frames: 3 })).toBe(
      'The animation has 3 frames of 4,000 × 4,000 pixels (48.0 megapixels in all); the limit is 40 megapixels',
    )
  })
})
