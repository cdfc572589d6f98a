import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { compileSearches } from './compile-searches.ts'
import { queryMatchesPost } from './evaluate-query.ts'
import { normalizeText } from './normalize-text.ts'
import { parseQuery } from './parse-query.ts'
import type { ListenPost } from './read-post.ts'

const runs = { numRuns: 300 }

// A small vocabulary, so that random queries and random posts meet often.
const WORDS = [
  'bread',
  'butter',
  'café',
  'crème',
  'rye',
  'Straße',
  'ΚΑΦΕΣ',
  '東京',
  'パン',
  '🍞',
  'bakery',
]
const word = fc.constantFrom(...WORDS)
const separator = fc.constantFrom(' ', ', ', ' — ', '! ', '\n', '…', ' (', ') ', '')
const handle = fc.constantFrom('alice.bsky.social', 'bob@mastodon.social', 'carol')
const lang = fc.constantFrom('de', 'en', 'ja', 'de-AT', 'pt-BR')

const post: fc.Arbitrary<ListenPost> = fc.record(
  {
    text: fc
      .array(
        fc.oneof(
          { weight: 6, arbitrary: word },
          { weight: 1, arbitrary: word.map((w) => `#${w}`) },
          { weight: 1, arbitrary: handle.map((h) => `@${h}`) },
        ),
        { maxLength: 12 },
      )
      .chain((words) =>
        fc
          .array(separator, { minLength: words.length, maxLength: words.length })
          .map((seps) => words.map((w, at) => `${w}${seps[at] === '' ? ' ' : seps[at]}`).join('')),
      ),
    lang: fc.array(lang, { maxLength: 2 }),
    author: handle,
  },
  { requiredKeys: ['text'] },
)

const term = fc.oneof(
  { weight: 5, arbitrary: word },
  { weight: 2, arbitrary: fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`) },
  { weight: 1, arbitrary: fc.constantFrom('bak*', 'bre*', 'caf*', 'straß*') },
  { weight: 1, arbitrary: word.filter((w) => w !== '🍞').map((w) => `#${w}`) },
  { weight: 1, arbitrary: handle.map((h) => `@${h.split(/[.@]/)[0]}`) },
  { weight: 1, arbitrary: handle.map((h) => `from:${h}`) },
  { weight: 1, arbitrary: lang.map((l) => `lang:${l}`) },
)
const positionalTerm = fc.oneof(
  word,
  fc.tuple(word, word).map(([a, b]) => `"${a} ${b}"`),
  fc.constantFrom('bak*', 'bre*'),
)
const positional = fc.oneof(
  { weight: 3, arbitrary: positionalTerm },
  {
    weight: 1,
    arbitrary: fc.tuple(positionalTerm, positionalTerm).map(([a, b]) => `(${a} OR ${b})`),
  },
)
const { query } = fc.letrec<{ query: string }>((tie) => ({
  query: fc.oneof(
    { depthSize: 'small', maxDepth: 4 },
    term,
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) AND (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) OR (${b})`),
    fc.tuple(tie('query'), tie('query')).map(([a, b]) => `(${a}) (${b})`),
    tie('query').map((a) => `NOT (${a})`),
    tie('query').map((a) => `-(${a})`),
    fc
      .tuple(positional, fc.constantFrom('NEAR', 'ONEAR'), fc.nat(4), positional)
      .map(([a, near, n, b]) => `${a} ${near}/${n} ${b}`),
  ),
}))

const matches = (q: string, p: ListenPost) =>
  compileSearches([{ id: 'q', query: q }]).match(p).length === 1

describe('the compiled matcher', () => {
  it('agrees with walking each query, for many searches compiled together', () => {
    fc.assert(
      fc.property(
        fc.array(query, { minLength: 1, maxLength: 25 }),
        fc.array(post, { maxLength: 8 }),
        (queries, posts) => {
          const matcher = compileSearches(queries.map((q, at) => ({ id: String(at), query: q })))
          expect(matcher.rejected).toEqual([])
          const nodes = queries.map((q) => parseQuery(q))
          for (const p of posts) {
            const expected = nodes.flatMap((node, at) =>
              queryMatchesPost(node, p) ? [String(at)] : [],
            )
            expect(matcher.match(p)).toEqual(expected)
          }
        },
      ),
      runs,
    )
  })

  it('A OR B matches iff A or B matches', () => {
    fc.assert(
      fc.property(query, query, post, (a, b, p) => {
        expect(matches(`(${a}) OR (${b})`, p)).toBe(matches(a, p) || matches(b, p))
        expect(matches(`(${a}) AND (${b})`, p)).toBe(matches(a, p) && matches(b, p))
      }),
      runs,
    )
  })

  it('A AND NOT A never matches; A OR NOT A always does', () => {
    fc.assert(
      fc.property(query, post, (a, p) => {
        expect(matches(`(${a}) AND NOT (${a})`, p)).toBe(false)
        expect(matches(`(${a}) OR -(${a})`, p)).toBe(true)
      }),
      runs,
    )
  })

  it('unordered NEAR is symmetric; ONEAR implies NEAR', () => {
    fc.assert(
      fc.property(positional, positional, fc.nat(10), post, (a, b, n, p) => {
        expect(matches(`${a} NEAR/${n} ${b}`, p)).toBe(matches(`${b} NEAR/${n} ${a}`, p))
        if (matches(`${a} ONEAR/${n} ${b}`, p)) expect(matches(`${a} NEAR/${n} ${b}`, p)).toBe(true)
      }),
      runs,
    )
  })

  it('still matches a post written in other case, decomposed, or with accents added', () => {
    const accented: Record<string, string> = { a: 'á', e: 'ê', o: 'ö', u: 'ü', r: 'ř' }
    const variants = (text: string) => [
      text.toUpperCase(),
      text.normalize('NFD'),
      text.replace(/[aeour]/g, (letter) => accented[letter] ?? letter),
    ]
    fc.assert(
      fc.property(query, post, (q, p) => {
        const matched = matches(q, p)
        for (const text of variants(p.text)) expect(matches(q, { ...p, text })).toBe(matched)
      }),
      runs,
    )
  })

  it('a search not reported broad never matches a post without words, tags, mentions or author', () => {
    fc.assert(
      fc.property(query, fc.array(lang, { maxLength: 2 }), (q, langs) => {
        const matcher = compileSearches([{ id: 'q', query: q }])
        if (matcher.broad.length === 0) expect(matcher.match({ text: '', lang: langs })).toEqual([])
      }),
      runs,
    )
  })

  it('compiled on top of a previous matcher, answers as one compiled afresh', () => {
    fc.assert(
      fc.property(
        fc.array(query, { maxLength: 10 }),
        fc.array(query, { maxLength: 10 }),
        post,
        (before, after, p) => {
          const previous = compileSearches(before.map((q, at) => ({ id: `b${at}`, query: q })))
          const searches = [...before.slice(0, 5), ...after].map((q, at) => ({
            id: String(at),
            query: q,
          }))
          expect(compileSearches(searches, { previous }).match(p)).toEqual(
            compileSearches(searches).match(p),
          )
        },
      ),
      runs,
    )
  })
})

describe('normalizeText', () => {
  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        expect(normalizeText(normalizeText(text))).toBe(normalizeText(text))
      }),
      { numRuns: 2000 },
    )
  })
})
