import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { isPersonClick } from './click-filter.ts'
import { findLinks, replaceLinks } from './find-links.ts'
import { normalizePostTopics, suggestLabels } from './labels.ts'
import { dueMark } from './snapshot-marks.ts'
import { utmTagsFor, withUtm } from './utm.ts'
import { visitorKey } from './visitor-key.ts'

const HOUR = 3_600_000
const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms)

describe('snapshot marks', () => {
  it('takes +1 h, +24 h and +7 d once each, and only the latest one after a late sweep', () => {
    const published = at(0)
    expect(dueMark(published, at(HOUR - 1), new Set())).toBeNull()
    expect(dueMark(published, at(HOUR), new Set())).toBe('1h')
    expect(dueMark(published, at(2 * HOUR), new Set(['1h']))).toBeNull()
    expect(dueMark(published, at(25 * HOUR), new Set(['1h']))).toBe('24h')
    expect(dueMark(published, at(8 * 24 * HOUR), new Set())).toBe('7d')
    expect(dueMark(published, at(8 * 24 * HOUR), new Set(['7d']))).toBeNull()
    expect(dueMark(published, at(8 * 24 * HOUR), new Set(['now']))).toBe('7d')
  })
})

describe('links in a post', () => {
  it('finds links as the networks do, leaving trailing punctuation out', () => {
    const text = 'Read https://example.com/a?b=1. And (https://en.wikipedia.org/wiki/Bread_(food))!'
    expect(findLinks(text).map((l) => l.url)).toEqual([
      'https://example.com/a?b=1',
      'https://en.wikipedia.org/wiki/Bread_(food)',
    ])
  })

  it('replaces exactly the links that have a short one, and nothing else', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.webUrl()), { maxLength: 8 }), (parts) => {
        const text = parts.join(' ')
        expect(replaceLinks(text, new Map())).toBe(text)
        const links = findLinks(text)
        const short = new Map(links.map((l, i) => [l.url, `https://s.example/l/${i}`]))
        const replaced = replaceLinks(text, short)
        expect(findLinks(replaced).every((l) => l.url.startsWith('https://s.example/l/'))).toBe(
          true,
        )
      }),
    )
  })
})

describe('UTM tags', () => {
  it("adds the workspace's tags, keeps the author's own and the rest of the link", () => {
    const tags = utmTagsFor(
      { source: '{network}', medium: 'social', campaign: 'sous' },
      { network: 'mastodon', campaignTag: 'spring-bake', postId: 'p1' },
    )
    expect(withUtm('https://ex.com/a?x=1&utm_medium=email#top', tags)).toBe(
      'https://ex.com/a?x=1&utm_medium=email&utm_source=mastodon&utm_campaign=spring-bake&utm_content=p1#top',
    )
  })
})

describe('clicks', () => {
  const browser =
    'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0 Safari/537.36'
  it.each([
    ['Mozilla/5.0 (compatible; Bluesky Cardyb/1.1; +mailto:support@bsky.app)'],
    ['http.rb/5.2.0 (Mastodon/4.3.0; +https://mastodon.social/)'],
    ['Mozilla/5.0 (compatible; Discordbot/2.0; +https://discordapp.com)'],
    ['curl/8.5.0'],
    [''],
  ])('does not count %j as a person', (userAgent) => {
    expect(isPersonClick({ method: 'GET', userAgent, purpose: undefined })).toBe(false)
  })
  it('counts a browser, but not its prefetch or a HEAD', () => {
    expect(isPersonClick({ method: 'GET', userAgent: browser, purpose: undefined })).toBe(true)
    expect(isPersonClick({ method: 'GET', userAgent: browser, purpose: 'prefetch' })).toBe(false)
    expect(isPersonClick({ method: 'HEAD', userAgent: browser, purpose: undefined })).toBe(false)
  })
  it('keys a visitor by day: the same person on another day salt is another key', () => {
    const a = visitorKey(Buffer.from('salt-1'), '203.0.113.9', browser)
    expect(visitorKey(Buffer.from('salt-1'), '203.0.113.9', browser)).toEqual(a)
    expect(visitorKey(Buffer.from('salt-2'), '203.0.113.9', browser)).not.toEqual(a)
    expect(a.toString('latin1')).not.toContain('203.0.113.9')
  })
})

describe('labels', () => {
  it('keeps one spelling of each topic', () => {
    expect(normalizePostTopics(['#Sourdough', ' sourdough ', 'Rye  bread', ''])).toEqual([
      'sourdough',
      'rye bread',
    ])
  })
  it('suggests topics and an approach with the words that decided', () => {
    const suggestion = suggestLabels(
      'What is your favourite #sourdough starter trick for rye bread?',
      {
        workspaceTopics: [
          { term: 'rye bread', weight: 2 },
          { term: 'pastry', weight: 1 },
        ],
        usedTopics: ['starter'],
      },
    )
    expect(suggestion.topics.map((t) => t.topic)).toEqual(['sourdough', 'rye bread', 'starter'])
    expect(suggestion.approach?.approach).toBe('question')
    expect(
      suggestLabels('20% off all loaves this weekend, code BREAD20', {
        workspaceTopics: [],
        usedTopics: [],
      }).approach?.approach,
    ).toBe('offer')
    expect(suggestLabels('', { workspaceTopics: [], usedTopics: [] })).toEqual({
      topics: [],
      approach: null,
    })
  })
})
