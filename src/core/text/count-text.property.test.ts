import { RichText } from '@atproto/api'
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { anyText, postText } from '../../../test/text-arbitraries.ts'
import { countText } from './count-text.ts'
import { blueskyCounting, xCounting } from './rules.ts'
import { parseTweet } from './twitter-text.ts'

// 2,000 runs a property keep the suite fast; bench/text-agreement.ts runs 100,000+.
const runs = { numRuns: 2000 }

// ASCII is counted without the segmenter (core/text/units.ts): line breaks of every kind.
const asciiText = fc.string({
  unit: fc.constantFrom('a', 'Z', ' ', '.', '\r', '\n', '\t', '\x00', '\x1b', '\x7f'),
  maxLength: 60,
})

describe.each([
  ['post-like text', postText],
  ['any code points', anyText],
  ['ASCII with control characters', asciiText],
])('agreement with the reference libraries on %s', (_, text) => {
  it('Bluesky: graphemes and UTF-8 bytes equal RichText.graphemeLength and .length', () => {
    fc.assert(
      fc.property(text, (value) => {
        const rich = new RichText({ text: value })
        const count = countText(blueskyCounting, value)
        expect(count.length).toBe(rich.graphemeLength)
        expect(count.bytes).toBe(rich.length)
      }),
      runs,
    )
  })

  it("X: length equals twitter-text's parseTweet(text).weightedLength", () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(countText(xCounting(), value).length).toBe(parseTweet(value).weightedLength)
      }),
      runs,
    )
  })
})
