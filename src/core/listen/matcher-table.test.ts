import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { compileSearches } from './compile-searches.ts'
import { queryMatchesPost } from './evaluate-query.ts'
import { parseQuery } from './parse-query.ts'
import type { ListenPost } from './read-post.ts'

type Case = {
  query: string
  note?: string
  match: Array<string | ListenPost>
  miss: Array<string | ListenPost>
}
const table = JSON.parse(
  readFileSync(
    new URL('../../../test/fixtures/listen/matcher-table.json', import.meta.url),
    'utf8',
  ),
) as { cases: Case[] }

// Every query of the table in one matcher, as the instance runs them.
const matcher = compileSearches(table.cases.map(({ query }, at) => ({ id: String(at), query })))
const postOf = (post: string | ListenPost): ListenPost =>
  typeof post === 'string' ? { text: post } : post

describe('the correctness table (test/fixtures/listen/matcher-table.json)', () => {
  it('compiles every query', () => {
    expect(matcher.rejected).toEqual([])
    expect(matcher.size).toBe(table.cases.length)
  })

  describe.each(table.cases.map((entry, at) => ({ ...entry, id: String(at) })))(
    '$query',
    (entry) => {
      const node = parseQuery(entry.query)
      it.each(entry.match.map((post) => [JSON.stringify(post), post]))('matches %s', (_, post) => {
        expect(matcher.match(postOf(post))).toContain(entry.id)
        expect(queryMatchesPost(node, postOf(post))).toBe(true)
      })
      it.each(entry.miss.map((post) => [JSON.stringify(post), post]))('misses %s', (_, post) => {
        expect(matcher.match(postOf(post))).not.toContain(entry.id)
        expect(queryMatchesPost(node, postOf(post))).toBe(false)
      })
    },
  )

  it('reports the searches that match without any of their words as broad', () => {
    const broad = matcher.broad.map((id) => table.cases[Number(id)]?.query)
    expect(broad).toEqual(['lang:ja -lang:en', 'NOT spam'])
  })
})
