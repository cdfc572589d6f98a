const hex = (unit: number) => `\\u${unit.toString(16).toUpperCase().padStart(4, '0')}`
const high = (codePoint: number) => 0xd800 + ((codePoint - 0x10000) >> 10)
const low = (codePoint: number) => 0xdc00 + ((codePoint - 0x10000) & 0x3ff)
const units = (from: number, to: number) => (from === to ? hex(from) : `[${hex(from)}-${hex(to)}]`)

/**
 * A regex source (for a regex without the `u` flag) matching one code point from the given
 * astral ranges, as surrogate pairs: what `[\u{10000}-\u{1FFFD}]` means in Ruby or with `u`.
 */
export function astralRangesSource(ranges: ReadonlyArray<readonly [number, number]>): string {
  const pairs: string[] = []
  for (const [from, to] of ranges) {
    const [highFrom, highTo] = [high(from), high(to)]
    if (highFrom === highTo) {
      pairs.push(hex(highFrom) + units(low(from), low(to)))
      continue
    }
    pairs.push(hex(highFrom) + units(low(from), 0xdfff))
    if (highTo - highFrom > 1) pairs.push(units(highFrom + 1, highTo - 1) + units(0xdc00, 0xdfff))
    pairs.push(hex(highTo) + units(0xdc00, low(to)))
  }
  return `(?:${pairs.join('|')})`
}
