import { describe, expect, it } from 'vitest'
import { periodRange } from './measure-period.ts'

describe('periodRange', () => {
  it('ends at the next midnight and starts the given days before, the same all day', () => {
    const morning = periodRange('90', new Date(2026, 11, 1, 8, 5))
    const evening = periodRange('90', new Date(2026, 11, 1, 23, 59))
    expect(morning).toEqual(evening)
    expect(new Date(morning.to)).toEqual(new Date(2026, 11, 2))
    expect(new Date(morning.from)).toEqual(new Date(2026, 8, 3))
  })
})
