import { describe, expect, it } from 'vitest'
import { astralRangesSource } from './astral-ranges.ts'

describe('astralRangesSource', () => {
  it('matches exactly the code points of its ranges, checked over every astral code point', () => {
    const ranges: [number, number][] = [
      [0x10000, 0x1fffd],
      [0x1f600, 0x1f64f],
      [0xe1000, 0xefffd],
      [0x10fff0, 0x10ffff],
    ]
    for (const range of ranges) {
      const surrogates = new RegExp(`^${astralRangesSource([range])}$`)
      const expected = new RegExp(
        `^[\\u{${range[0].toString(16)}}-\\u{${range[1].toString(16)}}]$`,
        'u',
      )
      const mismatches: number[] = []
      for (let codePoint = 0x10000; codePoint <= 0x10ffff; codePoint++) {
        const char = String.fromCodePoint(codePoint)
        if (surrogates.test(char) !== expected.test(char)) mismatches.push(codePoint)
      }
      expect(mismatches).toEqual([])
    }
  })
})
