import { describe, expect, it } from 'vitest'
import { hashtagsOfQueries } from './query-hashtags.ts'

describe('hashtagsOfQueries', () => {
  it('lists every tag outside a NOT once, lower-cased, and skips queries that do not parse', () => {
    expect(
      hashtagsOfQueries([
        '#Bread OR (sourdough AND #rye)',
        'crumb -#spam NOT (#ads OR #promo)',
        '#bread lang:de',
        '(#broken',
      ]),
    ).toEqual(['bread', 'rye'])
  })

  it('has none for queries of words only', () => {
    expect(hashtagsOfQueries(['bake* NEAR/3 oven', '"fresh loaf"'])).toEqual([])
  })
})
