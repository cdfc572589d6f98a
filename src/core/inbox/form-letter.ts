/**
 * Nearly the same reply sent to several people reads as a form letter. Word 3-shingles and
 * their Jaccard similarity: small enough to write here (a few hundred replies a month), and
 * robust to a changed name or greeting, unlike exact comparison.
 */
export const FORM_LETTER_SIMILARITY = 0.6
export const FORM_LETTER_PEOPLE = 3

export function shingles(text: string, size = 3): Set<string> {
  const words =
    text
      .toLowerCase()
      .normalize('NFC')
      .match(/[\p{L}\p{N}]+/gu) ?? []
  if (words.length < size) return new Set(words.length ? [words.join(' ')] : [])
  const out = new Set<string>()
  for (let i = 0; i + size <= words.length; i++) out.add(words.slice(i, i + size).join(' '))
  return out
}

export function similarity(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 && b.size === 0) return 0
  let shared = 0
  for (const s of a) if (b.has(s)) shared++
  return shared / (a.size + b.size - shared)
}

export type SentReply = { text: string; personKey: string }

/** The other people who got nearly this text; a warning when they are three or more. */
export function formLetterWarning(
  text: string,
  sent: readonly SentReply[],
  recipientKey: string,
): { people: number; examples: string[] } | null {
  const mine = shingles(text)
  const similar = sent.filter(
    (r) =>
      r.personKey !== recipientKey && similarity(mine, shingles(r.text)) >= FORM_LETTER_SIMILARITY,
  )
  const people = new Set(similar.map((r) => r.personKey)).size
  if (people < FORM_LETTER_PEOPLE) return null
  return { people, examples: [...new Set(similar.map((r) => r.text))].slice(0, 3) }
}
