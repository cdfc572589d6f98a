import { describe, expect, it } from 'vitest'
import { publishedTime } from './published-time.ts'

const seen = new Date('2026-03-03T12:00:00Z')
const at = (raw: string | null) => {
  const { at: time, dated } = publishedTime(raw, seen)
  return dated ? time.toISOString() : 'undated'
}

describe('publishedTime', () => {
  it('reads RFC 822 and ISO 8601 as feeds write them', () => {
    expect(at('Mon, 02 Mar 2026 08:00:00 GMT')).toBe('2026-03-02T08:00:00.000Z')
    expect(at('Mon, 02 Mar 2026 08:00:00 EST')).toBe('2026-03-02T13:00:00.000Z')
    expect(at('Mon, 02 Mar 2026 08:00:00 CEST')).toBe('2026-03-02T06:00:00.000Z')
    expect(at('Mon, 02 Mar 26 08:00:00 +0100')).toBe('2026-03-02T07:00:00.000Z')
    expect(at('2026-03-02T08:00:00.5+05:30')).toBe('2026-03-02T02:30:00.500Z')
  })

  it('reads a time without a zone as UTC, whatever the machine’s zone', () => {
    expect(at('2026-03-02 08:00:00')).toBe('2026-03-02T08:00:00.000Z')
    expect(at('Mon, 02 Mar 2026 08:00:00 XYZ')).toBe('2026-03-02T08:00:00.000Z')
  })

  it('takes missing, unreadable, placeholder and future dates as "first seen now"', () => {
    for (const raw of [
      null,
      '',
      'last Tuesday',
      '0',
      'Thu, 01 Jan 1970 00:00:00 GMT',
      '2099-01-01T00:00:00Z',
    ]) {
      expect(publishedTime(raw, seen)).toEqual({ at: seen, dated: false })
    }
  })
})
