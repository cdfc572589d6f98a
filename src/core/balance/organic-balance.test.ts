import { describe, expect, it } from 'vitest'
import { organicBalance } from './organic-balance.ts'

describe('organic balance', () => {
  it('warns when broadcasts pass the threshold, with the share', () => {
    const b = organicBalance({ live: 1, replies: 1, scheduled: 7, curated: 1 }, 0.7, 7)
    expect(b.broadcastShare).toBeCloseTo(0.8)
    expect(b.warning).toBe(
      '80% of the last 7 days were scheduled broadcasts: write something live or answer people',
    )
  })

  it('stays quiet at or under the threshold, and with nothing published', () => {
    expect(
      organicBalance({ live: 3, replies: 0, scheduled: 7, curated: 0 }, 0.7, 30).warning,
    ).toBeNull()
    expect(organicBalance({ live: 0, replies: 0, scheduled: 0, curated: 0 }, 0.7, 7)).toMatchObject(
      { broadcastShare: null, warning: null },
    )
  })
})
