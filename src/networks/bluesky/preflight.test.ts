import { RichText } from '@atproto/api'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { postText } from '../../../test/text-arbitraries.ts'
import { blueskyCounting } from '../../core/text/rules.ts'
import { tinyImage } from '../contract-suite.ts'
import { NetworkError, type PublishRequest } from '../types.ts'
import { BLUESKY_LIMITS, blueskyCapabilities } from './capabilities.ts'
import { assertPublishable } from './preflight.ts'

const base: PublishRequest = { idempotencyKey: 'k', text: 'hello' }

function reasonFor(request: Partial<PublishRequest>): string | undefined {
  try {
    assertPublishable({ ...base, ...request })
    return undefined
  } catch (error) {
    if (error instanceof NetworkError && error.failure.kind === 'rejected') {
      return error.failure.reason
    }
    throw error
  }
}

describe('what Bluesky would refuse, refused before any request', () => {
  it('counts text as the library counts graphemes: 300 pass, 301 do not', () => {
    expect(reasonFor({ text: '🇫🇷'.repeat(300) })).toBeUndefined()
    expect(reasonFor({ text: 'é'.repeat(301) })).toBe(
      'The text is too long for Bluesky: 301 of 300 characters: shorten by 1.',
    )
  })

  it('refuses text over 3,000 bytes even within 300 graphemes', () => {
    expect(reasonFor({ text: '👨‍👩‍👧‍👦'.repeat(200) })).toMatch(/5,000 of 3,000 bytes/)
  })

  it('agrees with RichText on every generated text', () => {
    fc.assert(
      fc.property(fc.array(postText, { maxLength: 40 }), (parts) => {
        const text = parts.join('')
        const rich = new RichText({ text })
        const fits = rich.graphemeLength <= 300 && rich.length <= 3000
        return (reasonFor({ text, images: [tinyImage()] }) === undefined) === fits
      }),
      { numRuns: 500 },
    )
  })

  it('refuses a fifth image, an image over the limit, a type Bluesky does not take, long alt text', () => {
    expect(reasonFor({ images: Array.from({ length: 5 }, () => tinyImage()) })).toBe(
      'The post has 5 images; Bluesky allows 4. Remove 1.',
    )
    const big = { ...tinyImage(), bytes: new Uint8Array(BLUESKY_LIMITS.imageBytes + 1) }
    expect(reasonFor({ images: [tinyImage(), big] })).toBe(
      'Image 2 is 1,000,001 bytes; Bluesky accepts at most 1,000,000 bytes per image. Resize or compress it.',
    )
    expect(reasonFor({ images: [{ ...tinyImage(), mimeType: 'image/tiff' }] })).toMatch(
      /Image 1 is image\/tiff; Bluesky accepts image\/jpeg/,
    )
    expect(reasonFor({ images: [tinyImage('x'.repeat(2001))] })).toMatch(/alt text of image 1/)
    expect(reasonFor({ images: [tinyImage('')] })).toBeUndefined()
  })

  it('refuses images with a link card, a bad card address or thumbnail', () => {
    const link = { url: 'https://example.com', title: 't' }
    expect(reasonFor({ images: [tinyImage()], link })).toMatch(/either images or a link card/)
    expect(reasonFor({ link: { url: 'javascript:alert(1)' } })).toMatch(/not an http\(s\) URL/)
    const thumbnail = { ...tinyImage(), bytes: new Uint8Array(BLUESKY_LIMITS.thumbnailBytes + 1) }
    expect(reasonFor({ link: { ...link, thumbnail } })).toMatch(
      /link card's thumbnail is 1,000,001/,
    )
    expect(reasonFor({ link })).toBeUndefined()
  })

  it('refuses what Bluesky has no place for', () => {
    expect(reasonFor({ contentWarning: 'spoilers' })).toMatch(/no content warnings/)
    expect(reasonFor({ visibility: 'followers' })).toMatch(/Every Bluesky post is public/)
    expect(reasonFor({ visibility: 'public' })).toBeUndefined()
    expect(reasonFor({ language: 'not a tag!' })).toMatch(/not a language tag/)
    expect(reasonFor({ language: 'pt-BR' })).toBeUndefined()
    expect(reasonFor({ text: '  ' })).toMatch(/empty/)
  })

  it('takes its limits from the lexicon, counted by the shared Bluesky rule', () => {
    expect(blueskyCapabilities.text).toEqual(blueskyCounting)
    expect(BLUESKY_LIMITS.imageBytes).toBe(1_000_000)
    expect(BLUESKY_LIMITS.textGraphemes).toBe(300)
    expect(BLUESKY_LIMITS.images).toBe(4)
  })
})
