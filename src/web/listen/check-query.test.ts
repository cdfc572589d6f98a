import { describe, expect, it } from 'vitest'
import { checkQuery, splitAtPosition } from './check-query.ts'

describe('checking a query while it is typed', () => {
  it('says where an unclosed parenthesis needs closing and what fits there', () => {
    const check = checkQuery('bread AND (butter')
    expect(check).toMatchObject({ ok: false, position: 17 })
    if (check?.ok !== false) throw new Error('expected a problem')
    expect(check.expected).toMatch(/\)/)
  })

  it('points at a quote that is never closed', () => {
    expect(checkQuery('say "hello')).toMatchObject({ ok: false, position: 4 })
  })

  it('accepts the language, and says when a search matches without any word', () => {
    expect(checkQuery('"sous bakery" NEAR/3 (late OR refund*) -hiring lang:en')).toEqual({
      ok: true,
      broad: false,
    })
    expect(checkQuery('NOT spam')).toEqual({ ok: true, broad: true })
    expect(checkQuery('   ')).toBeNull()
  })

  it('cuts the query at the problem, a space standing for its end', () => {
    expect(splitAtPosition('say "hello', 4)).toEqual({ before: 'say ', at: '"', after: 'hello' })
    expect(splitAtPosition('a (b', 4)).toEqual({ before: 'a (b', at: ' ', after: '' })
  })
})
