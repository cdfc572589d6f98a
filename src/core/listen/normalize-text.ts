// Marks that only accent a letter: Latin/Greek/Cyrillic diacritics, Hebrew points, Arabic
// harakat and tatweel; and emoji variation selectors. Other marks stay: Devanagari vowel signs
// or the kana voicing marks change the word, and stripping them would merge different words.
const IGNORED =
  /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f\u0591-\u05bd\u05bf\u05c1\u05c2\u05c4\u05c5\u05c7\u064b-\u065f\u0670\u0640]|\ufe0e|\ufe0f/g

// Letters that NFKD leaves whole but a reader takes as a plain letter (or two); Greek final
// sigma, which toLowerCase produces only at the end of a word.
const FOLDS: Record<string, string> = {
  ß: 'ss',
  ø: 'o',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  æ: 'ae',
  œ: 'oe',
  ı: 'i',
  ς: 'σ',
}
const FOLDABLE = /[ßøłđðþæœıς]/g
const ASCII = /^\p{ASCII}*$/u

/**
 * The form queries and posts are compared in: lower case, compatibility forms unified
 * (fullwidth, ligatures, halfwidth kana), accents removed. Idempotent.
 */
export function normalizeText(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase()
  // NFKD before lower-casing: compatibility forms like ℌ or Ａ decompose to capitals.
  // NFC at the end puts Hangul syllables and voiced kana back together.
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(IGNORED, '')
    .replace(FOLDABLE, (letter) => FOLDS[letter] ?? letter)
    .normalize('NFC')
}
