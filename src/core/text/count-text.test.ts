import { describe, expect, it } from 'vitest'
import { countText } from './count-text.ts'
import {
  blueskyCounting,
  linkedinCounting,
  mastodonCounting,
  threadsCounting,
  xCounting,
} from './rules.ts'

const family = '👨‍👩‍👧‍👦'
const bluesky = (text: string) => countText(blueskyCounting, text)
const mastodon = (text: string, contentWarning?: string) =>
  countText(mastodonCounting(), text, { contentWarning })
const x = (text: string) => countText(xCounting(), text)

describe('Bluesky counts graphemes', () => {
  it('counts an emoji family (7 code points, 11 UTF-16 units, 25 bytes) as 1', () => {
    expect(bluesky(family)).toMatchObject({ length: 1, bytes: 25, over: false })
  })

  it('counts a flag as 1 and two flags as 2', () => {
    expect(bluesky('🇫🇷').length).toBe(1)
    expect(bluesky('🇯🇵🇺🇸').length).toBe(2)
  })

  it('counts a letter with a combining accent as 1', () => {
    expect(bluesky('cafe\u0301').length).toBe(4)
  })

  it('counts CJK and right-to-left letters one each', () => {
    expect(bluesky('日本語').length).toBe(3)
    expect(bluesky('שלום עולם').length).toBe(9)
  })

  it('is over at 301 graphemes and says by how much', () => {
    const count = bluesky('a'.repeat(312))
    expect(count).toMatchObject({ length: 312, max: 300, remaining: -12, over: true })
    expect(count.problems).toEqual(['312 of 300 characters: shorten by 12'])
  })

  it('is over when 300 graphemes take more than 3,000 bytes', () => {
    const count = bluesky(family.repeat(200))
    expect(count).toMatchObject({ length: 200, bytes: 5000, over: true })
    expect(count.problems).toEqual([
      '5,000 of 3,000 bytes: emoji and non-Latin letters take up to 4 bytes each, shorten by 2,000 bytes',
    ])
  })

  it('has nothing to say about a text that fits', () => {
    expect(bluesky('hello')).toEqual({
      length: 5,
      max: 300,
      remaining: 295,
      over: false,
      links: 0,
      bytes: 5,
      problems: [],
    })
  })
})

describe('X counts weighted characters', () => {
  it('weighs CJK 2 and Latin, Hebrew, Arabic 1', () => {
    expect(x('日本語').length).toBe(6)
    expect(x('שלום').length).toBe(4)
    expect(x('مرحبا').length).toBe(5)
  })

  it('weighs any emoji, however many code points, 2', () => {
    expect(x(family).length).toBe(2)
    expect(x('🇫🇷').length).toBe(2)
  })

  it('counts a URL with a Cyrillic or accented path as 23', () => {
    expect(x('https://example.com/путь/ü')).toMatchObject({ length: 23, links: 1 })
  })

  it('ends a URL at a CJK path, as twitter-text does: the rest weighs 2 a character', () => {
    expect(x('https://ja.wikipedia.org/wiki/日本語').length).toBe(23 + 6)
  })

  it('is over at 281', () => {
    expect(x('a'.repeat(281))).toMatchObject({ remaining: -1, over: true })
  })

  it('says so when the text holds a character X refuses', () => {
    expect(x('a\uFEFFb').problems).toEqual(['contains U+FEFF, U+FFFE or U+FFFF, which X refuses'])
  })
})

describe('Mastodon counts as its StatusLengthValidator', () => {
  it('counts any URL as 23, non-ASCII path included', () => {
    expect(mastodon('https://ja.wikipedia.org/wiki/日本語')).toMatchObject({ length: 23, links: 1 })
    expect(mastodon('https://example.com/путь/ü').length).toBe(23)
  })

  it('counts @alice@example.social as @alice', () => {
    expect(mastodon('hi @alice@example.social!').length).toBe('hi @alice!'.length)
  })

  it('counts the content warning against the same limit', () => {
    const count = mastodon('b'.repeat(251), 'a'.repeat(250))
    expect(count).toMatchObject({ length: 501, over: true })
    expect(count.problems).toEqual(['501 of 500 characters: shorten by 1'])
  })

  it('uses the instance limit and URL length', () => {
    const count = countText(mastodonCounting(5000, 30), 'see https://example.com')
    expect(count).toMatchObject({ length: 4 + 30, max: 5000 })
  })

  it('counts emoji as 1', () => {
    expect(mastodon(family).length).toBe(1)
  })
})

describe('LinkedIn and Threads count characters', () => {
  it('LinkedIn counts UTF-16 units, so "bold" math letters count 2', () => {
    expect(countText(linkedinCounting, '𝐁𝐨𝐥𝐝').length).toBe(8)
    expect(countText(linkedinCounting, 'a'.repeat(3001)).over).toBe(true)
  })

  it('Threads counts an emoji as its UTF-8 bytes and other characters one each', () => {
    expect(countText(threadsCounting, family).length).toBe(25)
    expect(countText(threadsCounting, '❤️').length).toBe(6)
    expect(countText(threadsCounting, 'e\u0301 日本').length).toBe(5)
  })

  it('Threads allows at most 5 distinct links', () => {
    const links = (n: number) =>
      Array.from({ length: n }, (_, i) => `https://example.com/${i}`).join(' ')
    expect(countText(threadsCounting, links(5)).problems).toEqual([])
    const count = countText(threadsCounting, `${links(6)} https://example.com/0`)
    expect(count.links).toBe(6)
    expect(count.problems).toEqual(['6 links: at most 5 allowed'])
    expect(count.over).toBe(false)
  })
})
