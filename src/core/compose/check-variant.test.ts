import { describe, expect, it } from 'vitest'
import { blueskyCapabilities } from '../../networks/bluesky/capabilities.ts'
import { checkVariant, sameTextNotice } from './check-variant.ts'
import type { NetworkCapabilities } from './network-capabilities.ts'

const image = { id: 'img1', mimeType: 'image/png', size: 1000, altText: 'A loaf of bread' }

describe('checking a variant against its network', () => {
  it('passes a fitting post', () => {
    expect(
      checkVariant([{ text: 'Fresh bread at 9', images: [image] }], blueskyCapabilities, {
        requireAltText: true,
      }),
    ).toEqual([])
  })

  it('names each problem, per thread segment', () => {
    const problems = checkVariant(
      [
        { text: 'x'.repeat(301), images: [] },
        { text: 'ok', images: [{ ...image, altText: '' }, image, image, image, image] },
      ],
      blueskyCapabilities,
      { requireAltText: true },
    )
    expect(problems).toEqual([
      'Post 1 of the thread: 301 of 300 characters: shorten by 1',
      'Post 2 of the thread: 5 images: at most 4',
      'Post 2 of the thread: image img1 has no alt text: describe it for people who cannot see it',
    ])
  })

  it('lets a workspace relax alt text, but not the network’s limits', () => {
    const big = { ...image, altText: '', size: 2_000_000 }
    expect(
      checkVariant([{ text: 'x', images: [big] }], blueskyCapabilities, { requireAltText: false }),
    ).toEqual(['image img1 is 2000000 bytes: at most 1000000'])
  })

  it('refuses threads and content warnings where the network has none', () => {
    const plain: NetworkCapabilities = {
      ...blueskyCapabilities,
      threads: false,
      contentWarnings: false,
    }
    expect(
      checkVariant(
        [
          { text: 'a', images: [] },
          { text: 'b', images: [] },
        ],
        plain,
        { requireAltText: true, contentWarning: 'spoilers' },
      ),
    ).toEqual([
      'This network has no threads: post one segment',
      'This network has no content warnings',
    ])
  })
})

describe('the same-text nudge', () => {
  it('speaks up when two networks get the same words, not otherwise', () => {
    expect(
      sameTextNotice([
        { network: 'Bluesky', text: 'Hello  world' },
        { network: 'Mastodon', text: 'Hello world' },
      ]),
    ).toMatch(/Bluesky and Mastodon/)
    expect(
      sameTextNotice([
        { network: 'Bluesky', text: 'Hi Bluesky' },
        { network: 'Mastodon', text: 'Hi fediverse' },
      ]),
    ).toBeNull()
  })
})
