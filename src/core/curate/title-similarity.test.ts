import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import syndicated from '../../../test/fixtures/feeds/syndicated.json' with { type: 'json' }
import { jaccard, SAME_STORY, sameStory, titleBands, titleWords } from './title-similarity.ts'

describe('titleWords', () => {
  it('keeps content words: case, accents, site names, stop words and endings aside', () => {
    expect(titleWords('Rust 1.85 Ships the 2024 Edition - The Register')).toEqual([
      '1',
      '2024',
      '85',
      'edition',
      'rust',
      'ship',
    ])
    expect(titleWords('Crème brûlée: the classics')).toEqual(['brulee', 'classic', 'creme'])
    expect(titleWords("TypeScript's compiler")).toEqual(['compiler', 'typescript'])
  })
})

describe('near-duplicate titles', () => {
  it('joins edited copies of a story and keeps different stories on a subject apart', () => {
    expect(
      sameStory(
        titleWords('EU lawmakers approve the AI Act in final vote'),
        titleWords('EU Lawmakers Approve AI Act in Final Vote'),
      ),
    ).toBe(true)
    expect(
      sameStory(
        titleWords('Coffee prices hit a 50-year high after Brazil drought'),
        titleWords('Tea prices hit a record high after Kenyan drought'),
      ),
    ).toBe(false)
    expect(
      sameStory(
        titleWords('Rust 1.85 ships the 2024 edition'),
        titleWords('Rust 1.86 stabilizes trait upcasting'),
      ),
    ).toBe(false)
  })

  it('on the syndication fixture: no different stories joined, and most copies found by their bands', () => {
    const all = syndicated.stories.flatMap((s) =>
      s.copies.map((title) => ({ id: s.id, words: titleWords(title) })),
    )
    let joined = 0
    let copies = 0
    for (const [i, a] of all.entries()) {
      for (const b of all.slice(i + 1)) {
        const candidate = titleBands(a.words).some((key) => titleBands(b.words).includes(key))
        const same = candidate && jaccard(a.words, b.words) >= SAME_STORY
        if (a.id !== b.id) expect(same, `${a.words} / ${b.words}`).toBe(false)
        else {
          copies++
          if (same) joined++
        }
      }
    }
    expect(joined / copies).toBeGreaterThanOrEqual(0.9)
  })

  it('band keys: equal titles share all, and any title at or above SAME_STORY almost always shares one', () => {
    const word = fc.stringMatching(/^[a-z]{3,9}$/)
    fc.assert(
      fc.property(fc.uniqueArray(word, { minLength: 4, maxLength: 10 }), (words) => {
        const sorted = [...new Set(words)].sort()
        expect(titleBands(sorted)).toEqual(titleBands([...sorted]))
        expect(titleBands(sorted)).toHaveLength(20)
      }),
    )
    expect(titleBands([])).toEqual([])
  })
})
