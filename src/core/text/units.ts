const segmenter = new Intl.Segmenter()
const encoder = new TextEncoder()

/** Extended grapheme clusters as the runtime's ICU sees them (what `RichText.graphemeLength` counts). */
export function graphemeClusters(text: string): string[] {
  return Array.from(segmenter.segment(text), (part) => part.segment)
}

const NOT_ASCII = /\P{ASCII}/u

export function countGraphemes(text: string): number {
  // ASCII text is one cluster a character but CR LF, which is one (UAX #29, GB3): the
  // segmenter was ~2% of a draft POST's CPU (bench/api.ts --profile 1).
  if (!NOT_ASCII.test(text)) return text.length - (text.match(/\r\n/g)?.length ?? 0)
  let count = 0
  for (const _ of segmenter.segment(text)) count++
  return count
}

/** UTF-8 bytes, lone surrogates as U+FFFD (3 bytes) exactly like `TextEncoder` and atproto. */
export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength
}

export function codePointLength(text: string): number {
  let count = 0
  for (const _ of text) count++
  return count
}
