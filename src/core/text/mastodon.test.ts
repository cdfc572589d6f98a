import { describe, expect, it } from 'vitest'
import { countText } from './count-text.ts'
import { extractMastodonMentions, extractMastodonUrls, mastodonCountable } from './mastodon.ts'
import { mastodonCounting } from './rules.ts'

const length = (text: string, spoilerText = '') =>
  countText(mastodonCounting(), text, { contentWarning: spoilerText }).length
const urls = (text: string) =>
  extractMastodonUrls(text, 23).map((url) => text.slice(url.start, url.end))

// The cases of Mastodon's spec/validators/status_length_validator_spec.rb (limit 500).
describe("Mastodon's own validator cases", () => {
  it('refuses a content warning, a text, or both together over the limit', () => {
    expect(length('', 'a'.repeat(520))).toBeGreaterThan(500)
    expect(length('a'.repeat(520))).toBeGreaterThan(500)
    expect(length('b'.repeat(251), 'a'.repeat(250))).toBeGreaterThan(500)
  })

  it('counts a space-separated URL as 23, a glued one in full', () => {
    const link = `http://${'b'.repeat(30)}.com/example`
    expect(length(`${'a'.repeat(476)} ${link}`)).toBe(500)
    expect(length(`${'a'.repeat(476)}${link}`)).toBeGreaterThan(500)
  })

  it('counts a URL over 4,096 characters in full', () => {
    expect(length(`http://example.com/valid?${'#foo?'.repeat(1000)}`)).toBeGreaterThan(500)
  })

  it('counts only the local part of a remote mention, unless its domain is over 253', () => {
    expect(length(`${'a'.repeat(475)} @alice@${'b'.repeat(30)}.com`)).toBe(482)
    expect(length(`@alice@${'b'.repeat(500)}.com`)).toBe(511)
  })

  it('counts emoji and ZWJ sequences as 1', () => {
    expect(length('✨'.repeat(500))).toBe(500)
    expect(length('🏳️‍⚧️'.repeat(500))).toBe(500)
  })
})

describe('URLs as Mastodon finds them', () => {
  it('needs a protocol: a bare domain counts in full', () => {
    expect(urls('see example.com and www.example.org')).toEqual([])
    expect(length('example.com')).toBe(11)
  })

  it('takes the protocols Mastodon adds to twitter-text', () => {
    expect(urls('gemini://example.net/page and dat://example.com and ftp://example.com')).toEqual([
      'gemini://example.net/page',
      'dat://example.com',
    ])
  })

  it('keeps any non-space character in the path, and non-ASCII in the query', () => {
    expect(urls('https://ja.wikipedia.org/wiki/日本語 x')).toEqual([
      'https://ja.wikipedia.org/wiki/日本語',
    ])
    expect(urls('https://example.com/😀/ok.')).toEqual(['https://example.com/😀/ok'])
    expect(urls('https://example.com/?q=日本&emoji=😀')).toEqual([
      'https://example.com/?q=日本&emoji=😀',
    ])
  })

  it('balances parentheses and leaves trailing punctuation out', () => {
    expect(urls('(https://en.wikipedia.org/wiki/Primer_(film))')).toEqual([
      'https://en.wikipedia.org/wiki/Primer_(film)',
    ])
    expect(urls('https://example.com/a, https://example.com/b.')).toEqual([
      'https://example.com/a',
      'https://example.com/b',
    ])
  })

  it('does not see a URL glued to a word', () => {
    expect(urls('ahttps://foo.fr/')).toEqual([])
  })

  it('needs a known top-level domain and labels of at most 63 characters', () => {
    expect(urls('https://localhost/ https://example.invalidtld/')).toEqual([])
    expect(urls(`https://${'a'.repeat(64)}.com/`)).toEqual([])
    expect(urls(`https://${'a'.repeat(63)}.com/`)).toHaveLength(1)
  })

  it('takes an ASCII label as it is, even one that is not valid Punycode (libidn does)', () => {
    expect(urls('https://xn--9.co.uk/a')).toEqual(['https://xn--9.co.uk/a'])
  })

  it('encodes a non-ASCII domain to check its labels', () => {
    expect(urls('https://пример.рф/путь x')).toEqual(['https://пример.рф/путь'])
    expect(urls(`https://${'ü'.repeat(50)}.com/`)).toHaveLength(1)
    expect(urls(`https://${'ü'.repeat(60)}.com/`)).toEqual([])
  })

  it("cuts a t.co link after its slug, query too (the gem's rule, not the npm package's)", () => {
    expect(urls('https://t.co/abc123/more https://t.co/abc?x=1')).toEqual([
      'https://t.co/abc123',
      'https://t.co/abc',
    ])
  })

  it("ends a path in parentheses by the gem's characters: any dash, any Cyrillic", () => {
    expect(urls('https://example.com/a(b—c) x')).toEqual(['https://example.com/a(b—c)'])
    expect(urls('https://example.com/a(ꙮ) x')).toEqual(['https://example.com/a(ꙮ)'])
  })

  it('counts a profile URL as a URL, not as the mention inside it', () => {
    expect(mastodonCountable('https://mastodon.social/@alice', '', 23).countable).toBe(
      'x'.repeat(23),
    )
  })
})

describe('mentions as Mastodon finds them', () => {
  const mentions = (text: string) => extractMastodonMentions(text).map((m) => m.countsAs)

  it('rewrites @user@domain to @user and leaves a local @user alone', () => {
    expect(mentions('@alice@example.social and @bob')).toEqual(['@alice', '@bob'])
  })

  it('ignores an @ inside a word or after = or /', () => {
    expect(mentions('mail me@example.com a=@b c/@d')).toEqual([])
  })

  it("drops a mention followed by an accented letter, as twitter-text's end rule says", () => {
    expect(mentions('@noël@example.com')).toEqual([])
  })
})

describe('text as the validator receives it', () => {
  it('strips ASCII whitespace around the text and the content warning first', () => {
    expect(length('  hello \n', ' cw ')).toBe('cwhello'.length)
  })

  it('counts a blank text as nothing but keeps the content warning', () => {
    expect(length('\u3000 \u00A0', 'cw')).toBe(2)
  })

  it('counts an Indic conjunct as Ruby 3.x does: two graphemes, not one', () => {
    expect(length('क्ष')).toBe(2)
    expect(length('क्षत्रिय')).toBe(5)
  })
})

describe("the instance's link weight", () => {
  it('counts every link as the instance says, and says so when the text is over', () => {
    const rule = mastodonCounting(500, 256)
    const text = `${'a'.repeat(240)} https://example.com/a https://example.com/b`
    const count = countText(rule, text)
    expect(count).toMatchObject({ length: 240 + 1 + 256 + 1 + 256, links: 2, over: true })
    expect(count.problems).toEqual([
      '754 of 500 characters (this instance counts every link as 256 characters, whatever its length): shorten by 254',
    ])
    expect(countText(rule, 'a'.repeat(501)).problems).toEqual([
      '501 of 500 characters: shorten by 1',
    ])
  })
})
