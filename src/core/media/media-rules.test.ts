import { describe, expect, it } from 'vitest'
import { altTextProblem, describeBytes, MAX_ALT_TEXT, mediaTypeOf } from './media-rules.ts'

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
    expect(describeBytes(bytes('<svg/>'), 'svg')).toBe('an image in the svg format')
  })
})
