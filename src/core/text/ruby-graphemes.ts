import { countGraphemes, graphemeClusters } from './units.ts'

// Unicode 15.1 added rule GB9c: an Indic conjunct (consonant, virama, consonant) is one grapheme.
// Ruby up to 3.4 implements Unicode 15.0, so Mastodon counts "क्ष" as 2 where Intl.Segmenter
// (ICU with Unicode ≥ 15.1) says 1. Which characters join is asked of the runtime's own
// segmenter, so on an older runtime nothing is split and the count stays Intl.Segmenter's.
function memo(test: (char: string) => boolean): (char: string) => boolean {
  const cache = new Map<string, boolean>()
  return (char) => {
    let result = cache.get(char)
    if (result === undefined) {
      result = test(char)
      cache.set(char, result)
    }
    return result
  }
}

const conjunctConsonant = memo(
  (char) => countGraphemes(`\u0915\u094D${char}`) === 1 && countGraphemes(`a${char}`) === 2,
)
const prepend = memo((char) => countGraphemes(`${char}a`) === 1)

/** Grapheme clusters by the rules of Unicode 15.0, as Ruby 3.x's `each_grapheme_cluster` counts. */
export function countRubyGraphemes(text: string): number {
  let count = 0
  for (const cluster of graphemeClusters(text)) {
    count++
    let previous: string | undefined
    for (const char of cluster) {
      if (previous !== undefined && conjunctConsonant(char) && !prepend(previous)) count++
      previous = char
    }
  }
  return count
}
