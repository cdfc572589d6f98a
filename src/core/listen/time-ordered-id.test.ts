import { describe, expect, it } from 'vitest'
import { timeOrderedId } from './time-ordered-id.ts'

describe('timeOrderedId', () => {
  it('sorts as the source times do, down to the microsecond, and is a valid UUID', () => {
    const base = 1_747_000_000_000_000
    const ids = [0, 1, 2, 999, 1_000, 1_001, 5_000_000].map((d) => timeOrderedId(base + d))
    expect([...ids].sort()).toEqual(ids)
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/)
  })
})
