import { describe, expect, it } from 'vitest'
import { matchTopics, normalizeTopics } from './topics.ts'

describe('topics', () => {
  it('match whole words and phrases in order, plural and case aside; the title outranks the summary', () => {
    const topics = normalizeTopics([
      { term: '  Sourdough ', weight: 3 },
      { term: 'wild yeast', weight: 2 },
      { term: 'rust', weight: 1 },
      { term: 'C#', weight: 1 },
    ])
    expect(
      matchTopics(topics, {
        title: 'Sourdough starters and the science of Wild Yeasts',
        summary: 'Why trust the crust? Written in C#.',
      }),
    ).toEqual([
      { term: 'sourdough', weight: 3, where: 'title' },
      { term: 'wild yeast', weight: 2, where: 'title' },
      { term: 'c#', weight: 1, where: 'summary' },
    ])
  })

  it('keep one spelling per term, the last weight given', () => {
    expect(
      normalizeTopics([
        { term: 'Bread', weight: 1 },
        { term: 'bread', weight: 4 },
        { term: ' ', weight: 2 },
      ]),
    ).toEqual([{ term: 'bread', weight: 4 }])
  })

  it('keep weights to two decimals, so any weight a person sends can be stored', () => {
    expect(
      normalizeTopics([
        { term: 'tiny', weight: 1e-50 },
        { term: 'fine', weight: 2.345678 },
      ]),
    ).toEqual([
      { term: 'tiny', weight: 0 },
      { term: 'fine', weight: 2.35 },
    ])
  })
})
