import { describe, expect, it } from 'vitest'
import { compileSearches } from './compile-searches.ts'

describe('compileSearches', () => {
  it('answers the ids of the matching searches, in the order they were given', () => {
    const matcher = compileSearches([
      { id: 'c', query: 'bread' },
      { id: 'a', query: 'butter' },
      { id: 'b', query: 'bread butter' },
    ])
    expect(matcher.match({ text: 'Bread and butter' })).toEqual(['c', 'a', 'b'])
    expect(matcher.match({ text: 'jam' })).toEqual([])
    expect(matcher.size).toBe(3)
  })

  it('evaluates a query shared by several searches once, and answers each of them', () => {
    const matcher = compileSearches([
      { id: 'one', query: 'bread' },
      { id: 'two', query: 'cake' },
      { id: 'three', query: 'bread' },
    ])
    expect(matcher.match({ text: 'bread' })).toEqual(['one', 'three'])
  })

  it('keeps the searches that do not parse aside, with their error, and compiles the rest', () => {
    const matcher = compileSearches([
      { id: 'ok', query: 'bread' },
      { id: 'bad', query: 'bread AND' },
    ])
    expect(matcher.size).toBe(1)
    expect(matcher.rejected).toMatchObject([
      { id: 'bad', query: 'bread AND', error: { problem: 'syntax', position: 9 } },
    ])
    expect(matcher.match({ text: 'bread' })).toEqual(['ok'])
  })

  it('reports searches that match without any of their words as broad, and still runs them', () => {
    const matcher = compileSearches([
      { id: 'not', query: 'NOT spam' },
      { id: 'lang', query: 'lang:de' },
      { id: 'either', query: 'bread OR -cake' },
      { id: 'anchored', query: 'bread -spam lang:de' },
      { id: 'double', query: 'NOT (NOT bread OR NOT butter)' },
    ])
    expect(matcher.broad).toEqual(['not', 'lang', 'either'])
    expect(matcher.match({ text: 'hello', lang: 'de' })).toEqual(['not', 'lang', 'either'])
    expect(matcher.match({ text: 'bread butter', lang: 'de' })).toEqual([
      'not',
      'lang',
      'either',
      'anchored',
      'double',
    ])
  })

  it('refuses the same id twice', () => {
    expect(() =>
      compileSearches([
        { id: 'x', query: 'a' },
        { id: 'x', query: 'b' },
      ]),
    ).toThrow(/x is given twice/)
  })

  it('takes an edit by compiling anew; the previous matcher keeps answering as before', () => {
    const before = compileSearches([{ id: 's', query: 'bread' }])
    const after = compileSearches([{ id: 's', query: 'cake' }], { previous: before })
    expect(before.match({ text: 'bread' })).toEqual(['s'])
    expect(after.match({ text: 'bread' })).toEqual([])
    expect(after.match({ text: 'cake' })).toEqual(['s'])
  })

  it('reuses the parsed queries of the previous matcher', () => {
    const before = compileSearches([{ id: 's', query: 'bread' }])
    const after = compileSearches([{ id: 't', query: 'bread' }], { previous: before })
    expect(after.parsed.get('bread')).toBe(before.parsed.get('bread'))
  })

  it('compiles 10,000 searches in well under the few seconds an edit may take', () => {
    const searches = Array.from({ length: 10_000 }, (_, at) => ({
      id: String(at),
      query: `(brand${at} OR "brand ${at}") NEAR/3 (late OR broken OR refund*) -hiring #brand${at}`,
    }))
    const started = performance.now()
    const matcher = compileSearches(searches)
    expect(performance.now() - started).toBeLessThan(5_000)
    expect(matcher.rejected).toEqual([])
    expect(matcher.match({ text: 'Brand 42 was late again #brand42' })).toEqual(['42'])
  })
})
