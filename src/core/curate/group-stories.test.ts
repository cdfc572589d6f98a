import { describe, expect, it } from 'vitest'
import { groupStories } from './group-stories.ts'
import { titleWords } from './title-similarity.ts'

const key = (canonicalUrl: string, title: string) => ({ canonicalUrl, words: titleWords(title) })

describe('groupStories', () => {
  it('joins by canonical URL first, then by a near-duplicate title, else starts a story', () => {
    const known = [
      { suggestionId: 's1', ...key('https://a.example/rust', 'Rust 1.85 ships the 2024 edition') },
    ]
    const placements = groupStories(
      [
        key('https://a.example/rust', 'A completely different headline'),
        key('https://b.example/x', 'Rust 1.85 Ships the 2024 Edition - The Register'),
        key('https://c.example/y', 'Coffee prices hit a 50-year high'),
        key('https://d.example/z', 'Coffee prices hit 50-year high'),
        key('https://c.example/y', 'Coffee again, same link'),
      ],
      known,
    )
    expect(placements).toEqual([
      { suggestionId: 's1' },
      { suggestionId: 's1' },
      { leader: 2 },
      { leader: 2 },
      { leader: 2 },
    ])
  })
})
