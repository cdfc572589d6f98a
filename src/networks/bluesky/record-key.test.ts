import { TID } from '@atproto/common-web'
import { isValidTid } from '@atproto/syntax'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { recordKeyFor } from './record-key.ts'

describe('recordKeyFor', () => {
  it('gives a valid TID, the same one for the same key, every time', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, unit: 'binary' }), (key) => {
        const rkey = recordKeyFor(key)
        return isValidTid(rkey) && recordKeyFor(key) === rkey
      }),
      { numRuns: 5000 },
    )
  })

  it('gives different keys different record keys', () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `delivery-${i}`)
    expect(new Set(keys.map(recordKeyFor)).size).toBe(keys.length)
  })

  it('is pinned: a stored delivery keeps its record key across releases', () => {
    expect(recordKeyFor('0b7c3e1a-4f5d-4c1e-9c0a-2f4b5d6e7f80')).toMatchInlineSnapshot(
      `"5lazrhqdvi3wa"`,
    )
  })

  it('uses a key that already is a TID as it is', () => {
    const tid = TID.nextStr()
    expect(recordKeyFor(tid)).toBe(tid)
  })

  it('refuses an empty key', () => {
    expect(() => recordKeyFor('')).toThrow(/required/)
  })
})
