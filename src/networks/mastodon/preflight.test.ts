import { describe, expect, it } from 'vitest'
import { NetworkError, type PublishRequest } from '../types.ts'
import {
  MASTODON_DEFAULT_LIMITS,
  mastodonCapabilities,
  mastodonDefaultCapabilities,
} from './capabilities.ts'
import { assertPublishable } from './preflight.ts'

const png = (bytes = 8, altText = 'a pixel') => ({
  bytes: new Uint8Array(bytes),
  mimeType: 'image/png',
  altText,
})

function reason(request: Partial<PublishRequest>, limits = MASTODON_DEFAULT_LIMITS) {
  try {
    assertPublishable({ idempotencyKey: 'k', text: 'hello', ...request }, limits)
    return undefined
  } catch (error) {
    if (error instanceof NetworkError && error.failure.kind === 'rejected') {
      return error.failure.reason
    }
    throw error
  }
}

describe('Mastodon capabilities', () => {
  it('advertises a stock server until the instance is known: 500 characters, URLs 23', () => {
    expect(mastodonDefaultCapabilities.text).toEqual({ kind: 'mastodon', max: 500, urlLength: 23 })
    expect(mastodonDefaultCapabilities.media.maxImages).toBe(4)
  })

  it("reads an instance's own limits, and falls back where a fork leaves them out", () => {
    const capabilities = mastodonCapabilities({
      configuration: {
        statuses: { maxCharacters: 5000, charactersReservedPerUrl: 30, maxMediaAttachments: 6 },
        mediaAttachments: {
          supportedMimeTypes: ['image/png', 'video/mp4'],
          imageSizeLimit: 1000,
          descriptionLimit: 3000,
        },
      },
    })
    expect(capabilities.text).toEqual({ kind: 'mastodon', max: 5000, urlLength: 30 })
    expect(capabilities.media).toEqual({
      maxImages: 6,
      maxImageBytes: 1000,
      imageTypes: ['image/png'],
      altTextMaxLength: 3000,
    })
    expect(mastodonCapabilities({})).toEqual(mastodonDefaultCapabilities)
  })
})

describe('Mastodon preflight', () => {
  it("counts as Mastodon's validator does: URLs as 23, the content warning included", () => {
    const url = `https://example.com/${'x'.repeat(200)}`
    expect(reason({ text: `${'a'.repeat(476)} ${url}` })).toBeUndefined()
    expect(reason({ text: `${'a'.repeat(477)} ${url}` })).toMatch(/501 characters.*allows 500/)
    expect(reason({ text: 'a'.repeat(490), contentWarning: 'b'.repeat(11) })).toMatch(
      /Shorten it by 1\./,
    )
  })

  it("uses the instance's limits stored with the credentials", () => {
    const roomy = { ...MASTODON_DEFAULT_LIMITS, maxCharacters: 1000 }
    expect(reason({ text: 'a'.repeat(900) }, roomy)).toBeUndefined()
    expect(reason({ text: 'a'.repeat(1001) }, roomy)).toContain('1,000')
  })

  it('refuses images a person can fix: count, type, size, missing or long alt text', () => {
    expect(reason({ images: [png(), png(), png(), png(), png()] })).toMatch(/5 images.*allows 4/)
    expect(reason({ images: [{ ...png(), mimeType: 'image/tiff' }] })).toMatch(/image\/tiff/)
    expect(reason({ images: [png(16 * 1024 * 1024 + 1)] })).toContain('16,777,216 bytes')
    expect(reason({ images: [png(8, '  ')] })).toBe(
      'Image 1 has no alt text: describe it for people who cannot see it.',
    )
    expect(reason({ images: [png(8, 'é'.repeat(1501))] })).toMatch(/1,501 characters.*1,500/)
    expect(reason({ text: '', images: [png()] })).toBeUndefined()
  })

  it('refuses an empty post, a link card whose link is not in the text, a bad language', () => {
    expect(reason({ text: '  ' })).toBe('The post is empty: add text or an image.')
    expect(reason({ link: { url: 'https://example.com/a' } })).toMatch(/put https:\/\/example/)
    expect(
      reason({ text: 'see https://example.com/a', link: { url: 'https://example.com/a' } }),
    ).toBeUndefined()
    expect(reason({ language: 'english!' })).toMatch(/not a language code/)
    expect(reason({ language: 'pt-BR' })).toBeUndefined()
  })
})
