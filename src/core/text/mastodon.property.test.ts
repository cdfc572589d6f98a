import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { postText, stockUrlText } from '../../../test/text-arbitraries.ts'
import { mastodonByTwitterText } from '../../../test/text-oracles.ts'
import { countText } from './count-text.ts'
import { countRubyGraphemes } from './ruby-graphemes.ts'
import { mastodonCounting } from './rules.ts'
import { countGraphemes } from './units.ts'

const runs = { numRuns: 2000 }

// Where Mastodon's patches to twitter-text change nothing (http(s), ASCII paths and queries,
// no @), its count must be twitter-text's URLs as 23 and everything else one per character.
describe('Mastodon counting', () => {
  it("agrees with twitter-text's URLs where Mastodon's patches change nothing", () => {
    fc.assert(
      fc.property(stockUrlText, (text) => {
        expect(countText(mastodonCounting(), text).length).toBe(mastodonByTwitterText(text.trim()))
      }),
      runs,
    )
  })

  it('never counts fewer graphemes than Intl.Segmenter, and the same without Indic letters', () => {
    fc.assert(
      fc.property(postText, (text) => {
        const ruby = countRubyGraphemes(text)
        expect(ruby).toBeGreaterThanOrEqual(countGraphemes(text))
        if (!/[\u0900-\u0DFF]/.test(text)) expect(ruby).toBe(countGraphemes(text))
      }),
      runs,
    )
  })
})
