import { describe, expect, it } from 'vitest'
import { type Candidate, type RankContext, rankedPage, rankSuggestion } from './rank-suggestions.ts'

const now = new Date('2026-03-03T12:00:00Z')
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3.6e6)

function context(overrides: Partial<RankContext> = {}): RankContext {
  return {
    topics: [
      { term: 'sourdough', weight: 3 },
      { term: 'crypto', weight: -5 },
    ],
    sources: new Map([
      ['kitchen', { title: 'Kitchen Notes', weight: 1 }],
      ['lab', { title: 'Pastry Lab', weight: 2 }],
    ]),
    feedback: { bySource: new Map(), byTopic: new Map() },
    now,
    ...overrides,
  }
}

function candidate(overrides: Partial<Candidate> = {}): Candidate {
  return {
    id: 'a',
    title: 'A sourdough story',
    summary: null,
    publishedAt: hoursAgo(2),
    datedByFeed: true,
    sourceId: 'kitchen',
    sourceIds: ['kitchen'],
    ...overrides,
  }
}

describe('ranking a suggestion', () => {
  it('says why, factor by factor', () => {
    const ranked = rankSuggestion(
      candidate({ sourceId: 'lab', sourceIds: ['lab', 'kitchen'] }),
      context({
        feedback: {
          bySource: new Map([['lab', { shared: 4, skipped: 1 }]]),
          byTopic: new Map([['sourdough', { shared: 2, skipped: 0 }]]),
        },
      }),
    )
    expect(ranked.reasons).toEqual([
      'Matches your topic “sourdough” in the title (weight 3)',
      'Published 2 hours ago',
      'From “Pastry Lab”, weighted 2 (above other sources)',
      'From “Pastry Lab”, of whose earlier suggestions you shared 4 and skipped 1',
      'On “sourdough”, you shared 2 and skipped 0 earlier suggestions',
      'Also in 1 other source',
    ])
    expect(ranked.factors.sourceWeight).toBe(2)
    expect(ranked.factors.sourceHistory).toBeGreaterThan(1)
    expect(ranked.factors.syndication).toBeGreaterThan(1)
  })

  it('puts topic matches above the rest, fresh above stale, and a negative topic at the bottom', () => {
    const items = [
      candidate({ id: 'match-old', publishedAt: hoursAgo(7 * 24) }),
      candidate({ id: 'match-new' }),
      candidate({ id: 'plain-new', title: 'Knife skills' }),
      candidate({ id: 'crypto', title: 'Sourdough on the crypto blockchain' }),
    ]
    const order = rankedPage(items, context(), { limit: 10 }).map((r) => r.candidate.id)
    expect(order).toEqual(['match-new', 'plain-new', 'match-old', 'crypto'])
  })

  it('skipped sources sink and shared ones rise', () => {
    const liked = rankSuggestion(
      candidate(),
      context({
        feedback: {
          bySource: new Map([['kitchen', { shared: 9, skipped: 0 }]]),
          byTopic: new Map(),
        },
      }),
    )
    const disliked = rankSuggestion(
      candidate(),
      context({
        feedback: {
          bySource: new Map([['kitchen', { shared: 0, skipped: 9 }]]),
          byTopic: new Map(),
        },
      }),
    )
    expect(liked.score).toBeGreaterThan(rankSuggestion(candidate(), context()).score)
    expect(disliked.score).toBeLessThan(rankSuggestion(candidate(), context()).score)
  })

  it('without topics, ranks by freshness and says so; an undated item says when Sous saw it', () => {
    const ranked = rankSuggestion(candidate({ datedByFeed: false }), context({ topics: [] }))
    expect(ranked.reasons.slice(0, 2)).toEqual([
      'No topics set for this workspace yet: ranked by freshness and source',
      'Undated by its feed; first seen 2 hours ago',
    ])
  })

  it('pages without repeats or gaps', () => {
    const items = Array.from({ length: 25 }, (_, i) =>
      candidate({ id: `s${String(i).padStart(2, '0')}`, publishedAt: hoursAgo(i % 5) }),
    )
    const seen: string[] = []
    let after: { score: number; id: string } | undefined
    for (;;) {
      const page = rankedPage(items, context(), { after, limit: 7 })
      if (page.length === 0) break
      seen.push(...page.map((p) => p.candidate.id))
      const last = page.at(-1)?.ranked
      after = last && { score: last.score, id: last.id }
    }
    expect(seen).toHaveLength(25)
    expect(new Set(seen).size).toBe(25)
  })
})

describe('a page filtered by topic', () => {
  it('keeps those matching the topic in title or summary, whatever its case, in rank order', () => {
    const items = [
      candidate({ id: 'title', title: 'Sourdough at home' }),
      candidate({ id: 'summary', title: 'Bread notes', summary: 'On sourdough starters' }),
      candidate({ id: 'other', title: 'Crypto bread tokens' }),
      candidate({ id: 'none', title: 'Knife skills' }),
    ]
    const page = rankedPage(items, context(), { limit: 10, topic: 'SourDough' })
    expect(page.map((r) => r.candidate.id)).toEqual(['title', 'summary'])
    expect(rankedPage(items, context(), { limit: 10, topic: 'chocolate' })).toEqual([])
  })
})
