import { describe, expect, it } from 'vitest'
import { parseQuery } from './parse-query.ts'
import type { QueryNode } from './query-ast.ts'
import { QueryError } from './query-error.ts'
import { QUERY_LIMITS } from './query-limits.ts'

const word = (token: string): QueryNode => ({ kind: 'words', tokens: [token] })

function errorOf(query: string): QueryError {
  try {
    parseQuery(query)
  } catch (error) {
    if (error instanceof QueryError) return error
    throw error
  }
  throw new Error(`${query} parsed`)
}

describe('parseQuery: the language', () => {
  it('joins adjacent terms with AND; NOT binds tighter than AND, AND than OR', () => {
    expect(parseQuery('a OR b c -d')).toEqual({
      kind: 'or',
      children: [
        word('a'),
        { kind: 'and', children: [word('b'), word('c'), { kind: 'not', child: word('d') }] },
      ],
    })
    expect(parseQuery('(a OR b) AND NOT c')).toEqual({
      kind: 'and',
      children: [
        { kind: 'or', children: [word('a'), word('b')] },
        { kind: 'not', child: word('c') },
      ],
    })
  })

  it('reads lower-case and, or, not, near as words', () => {
    expect(parseQuery('rock and roll')).toEqual({
      kind: 'and',
      children: [word('rock'), word('and'), word('roll')],
    })
  })

  it('normalizes terms: case, accents, and punctuation inside a word makes a phrase', () => {
    expect(parseQuery('Crème')).toEqual(word('creme'))
    expect(parseQuery("don't")).toEqual({ kind: 'words', tokens: ['don', 't'] })
    expect(parseQuery('"Sour  Dough!"')).toEqual({ kind: 'words', tokens: ['sour', 'dough'] })
    expect(parseQuery('東京')).toEqual({ kind: 'words', tokens: ['東', '京'] })
    expect(parseQuery('e-mail')).toEqual({ kind: 'words', tokens: ['e', 'mail'] })
  })

  it('reads NEAR/n, ONEAR/n and NEAR/nf; NEAR binds tighter than AND', () => {
    expect(parseQuery('a NEAR/3 b c')).toEqual({
      kind: 'and',
      children: [
        { kind: 'near', left: word('a'), right: word('b'), distance: 3, ordered: false },
        word('c'),
      ],
    })
    expect(parseQuery('a ONEAR/0 b')).toMatchObject({ distance: 0, ordered: true })
    expect(parseQuery('a NEAR/2f b')).toMatchObject({ distance: 2, ordered: true })
    expect(parseQuery('(a OR bak*) NEAR/5 "c d"')).toEqual({
      kind: 'near',
      left: { kind: 'or', children: [word('a'), { kind: 'prefix', prefix: 'bak' }] },
      right: { kind: 'words', tokens: ['c', 'd'] },
      distance: 5,
      ordered: false,
    })
  })

  it('reads #hashtags, @mentions, lang: and from: (author: too)', () => {
    expect(parseQuery('#Café')).toEqual({ kind: 'hashtag', tag: 'cafe' })
    expect(parseQuery('＃東京')).toEqual({ kind: 'hashtag', tag: '東京' })
    expect(parseQuery('@Alice.bsky.social')).toEqual({
      kind: 'mention',
      handle: 'alice.bsky.social',
    })
    expect(parseQuery('LANG:pt-BR')).toEqual({ kind: 'lang', code: 'pt-br' })
    expect(parseQuery('from:@bob@mastodon.social')).toEqual({
      kind: 'from',
      handle: 'bob@mastodon.social',
    })
    expect(parseQuery('author:did:plc:abc')).toEqual({ kind: 'from', handle: 'did:plc:abc' })
  })

  it('takes -x, -"a phrase" and -(a group) as NOT; a hyphen inside a word is part of it', () => {
    expect(parseQuery('-"a b"')).toEqual({
      kind: 'not',
      child: { kind: 'words', tokens: ['a', 'b'] },
    })
    expect(parseQuery('x -(a OR b)')).toMatchObject({
      kind: 'and',
      children: [word('x'), { kind: 'not' }],
    })
  })
})

describe('parseQuery: errors name the position and what was expected', () => {
  it.each([
    ['bake AND', 'syntax', 8, 'a word, "phrase", #hashtag, @mention, lang:, from: or ('],
    ['bake OR OR bread', 'syntax', 8, 'a word, "phrase", #hashtag, @mention, lang:, from: or ('],
    ['', 'syntax', 0, 'a word, "phrase", #hashtag, @mention, lang:, from: or ('],
    ['(bake OR bread', 'syntax', 14, '")"'],
    ['bake)', 'syntax', 4, 'AND, OR, a term or the end of the query'],
    ['()', 'syntax', 1, 'a word, "phrase", #hashtag, @mention, lang:, from: or ('],
    ['say "hello', 'syntax', 4, 'a closing "'],
    ['""', 'syntax', 0, 'a word inside the quotes'],
    ['bake - bread', 'syntax', 6, 'a term right after -'],
    ['!!!', 'syntax', 0, 'a word, "phrase", #hashtag, @mention, lang:, from: or ('],
    ['a NEAR b', 'syntax', 2, 'NEAR/n with a distance, e.g. NEAR/5'],
    ['a NEAR/x b', 'syntax', 2, 'NEAR/n with a distance, e.g. NEAR/5'],
    ['a NEAR/11 b', 'near_distance', 2, 'a distance from 0 to 10'],
    ['#a NEAR/2 b', 'syntax', 0, 'a word, "phrase" or wildcard (or an OR of them in parentheses)'],
    [
      'a NEAR/2 (b AND c)',
      'syntax',
      9,
      'a word, "phrase" or wildcard (or an OR of them in parentheses)',
    ],
    ['a NEAR/2 b NEAR/2 c', 'syntax', 11, 'AND, OR or the end of the query'],
    ['*', 'wildcard', 0, 'a word of at least 3 letters before *'],
    ['ba*', 'wildcard', 0, 'a word of at least 3 letters before *'],
    ['b*ke', 'wildcard', 1, 'a word of at least 3 letters before *'],
    ['東京*', 'wildcard', 0, 'a word of at least 3 letters before *'],
    ['#bak*', 'wildcard', 0, 'a word of at least 3 letters before *'],
    ['lang:german', 'syntax', 5, 'a language code such as de, pt-br or ja'],
    ['from:', 'syntax', 5, 'a handle such as alice.bsky.social'],
    ['#', 'syntax', 0, 'letters, digits or _ after #'],
  ])('%j: %s at %i', (query, problem, position, expected) => {
    const error = errorOf(query)
    expect({ problem: error.problem, position: error.position, expected: error.expected }).toEqual({
      problem,
      position,
      expected,
    })
    expect(error.code).toBe('invalid_input')
    expect(error.fields).toEqual({ query: error.message })
  })

  it('says where an unclosed parenthesis was opened', () => {
    expect(errorOf('x AND (a OR (b)').message).toBe(
      'The "(" at position 6 is not closed: expected ")" at position 15, found the end of the query',
    )
  })
})

describe('parseQuery: limits', () => {
  it(`refuses more than ${QUERY_LIMITS.maxLength} characters, counting code points`, () => {
    expect(errorOf('a'.repeat(QUERY_LIMITS.maxLength + 1))).toMatchObject({
      problem: 'too_long',
      position: QUERY_LIMITS.maxLength,
    })
    expect(() => parseQuery('🍞'.repeat(QUERY_LIMITS.maxLength))).not.toThrow()
  })

  it('refuses a query of 10,000 ORs at once, by its length', () => {
    const query = Array.from({ length: 10_001 }, (_, at) => `term${at}`).join(' OR ')
    const started = performance.now()
    const error = errorOf(query)
    expect(performance.now() - started).toBeLessThan(50)
    expect(error.problem).toBe('too_long')
    expect(error.message).toMatch(/at most 1,024 characters long; this one has 118,899/)
  })

  it(`refuses more than ${QUERY_LIMITS.maxTerms} terms, at the first one too many`, () => {
    const terms = Array.from({ length: QUERY_LIMITS.maxTerms + 1 }, (_, at) => `t${at}`)
    expect(() => parseQuery(terms.slice(0, -1).join(' OR '))).not.toThrow()
    const query = terms.join(' OR ')
    expect(errorOf(query)).toMatchObject({
      problem: 'too_many_terms',
      position: query.lastIndexOf('t100'),
    })
  })

  it(`refuses nesting deeper than ${QUERY_LIMITS.maxDepth}`, () => {
    const depth = QUERY_LIMITS.maxDepth
    expect(() => parseQuery(`${'('.repeat(depth)}a${')'.repeat(depth)}`)).not.toThrow()
    expect(errorOf(`${'('.repeat(depth + 1)}a${')'.repeat(depth + 1)}`)).toMatchObject({
      problem: 'too_deep',
      position: depth,
    })
    expect(errorOf(`${'NOT '.repeat(depth + 1)}a`).problem).toBe('too_deep')
  })

  it('accepts NEAR/10 and a three-letter wildcard', () => {
    expect(() => parseQuery('a NEAR/10 b bak*')).not.toThrow()
  })
})
