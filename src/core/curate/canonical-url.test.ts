import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { canonicalUrl } from './canonical-url.ts'

describe('canonicalUrl', () => {
  it('lower-cases the host and drops tracking parameters, the fragment and default ports', () => {
    expect(
      canonicalUrl(
        'https://News.Example.COM:443/Story/One?utm_source=rss&utm_medium=feed&id=7&fbclid=abc&gclid=x&ref=home#comments',
      ),
    ).toBe('https://news.example.com/Story/One?id=7')
    expect(canonicalUrl('http://Example.org:80/a?b=2&a=1&mc_cid=9')).toBe(
      'http://example.org/a?a=1&b=2',
    )
  })

  it('resolves relative links against a base and refuses what is not http(s)', () => {
    expect(canonicalUrl('/post?utm_campaign=x', 'https://blog.example/feed.xml')).toBe(
      'https://blog.example/post',
    )
    expect(canonicalUrl('javascript:alert(1)')).toBeNull()
    expect(canonicalUrl('mailto:a@example.com')).toBeNull()
    expect(canonicalUrl('not a url')).toBeNull()
  })

  it('is idempotent, and tracking parameters never change it', () => {
    const tracking = fc.constantFrom(
      'utm_source',
      'utm_content',
      'fbclid',
      'gclid',
      'ref',
      'igshid',
    )
    fc.assert(
      fc.property(
        fc.webUrl({ withQueryParameters: true, withFragments: true }),
        fc.array(fc.tuple(tracking, fc.string({ maxLength: 8 })), { maxLength: 3 }),
        (url, extra) => {
          const once = canonicalUrl(url)
          if (once === null) return
          expect(canonicalUrl(once)).toBe(once)
          const tracked = new URL(url)
          for (const [key, value] of extra) tracked.searchParams.append(key, value)
          expect(canonicalUrl(tracked.toString())).toBe(canonicalUrl(new URL(url).toString()))
        },
      ),
    )
  })
})
