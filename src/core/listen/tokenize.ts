// Words are runs of letters, digits and marks; each emoji and each flag is a token of its own.
const TOKENS = /[\p{L}\p{N}\p{M}]+|\p{RI}{2}|\p{Extended_Pictographic}/gu

// Han, kana and Hangul: every character is a token, and a query word in these scripts is a
// phrase of its characters, so 東京 matches inside 東京都 and 서울 inside 서울에서 (word
// dictionaries split those differently in a query and in a post).
const CJK = '\\p{sc=Han}\\p{sc=Hiragana}\\p{sc=Katakana}\\p{sc=Hangul}\\u30fc'
// Thai, Lao, Khmer and Myanmar are written without spaces and are not ideographic: only a
// dictionary finds their words.
const SOUTHEAST_ASIAN = '\\p{sc=Thai}\\p{sc=Lao}\\p{sc=Khmer}\\p{sc=Myanmar}'
const NEEDS_SPLITTING = new RegExp(`[${CJK}${SOUTHEAST_ASIAN}]`, 'u')
const SPLIT = new RegExp(`([${CJK}])|([${SOUTHEAST_ASIAN}]+)|[^${CJK}${SOUTHEAST_ASIAN}]+`, 'gu')

// Intl.Segmenter is used only where it is needed: it took ~90 µs per post-sized text here
// against ~4 µs for the regular expression above (bench/listen.ts has the whole budget).
let segmenter: Intl.Segmenter | undefined

/** The tokens of a text already passed through `normalizeText`, in order. */
export function tokenize(normalized: string): string[] {
  const words = normalized.match(TOKENS)
  if (!words) return []
  if (!NEEDS_SPLITTING.test(normalized)) return words
  const tokens: string[] = []
  for (const word of words) {
    if (NEEDS_SPLITTING.test(word)) splitWord(word, tokens)
    else tokens.push(word)
  }
  return tokens
}

function splitWord(word: string, tokens: string[]): void {
  for (const [part, cjk, southeastAsian] of word.matchAll(SPLIT)) {
    if (cjk) tokens.push(cjk)
    else if (southeastAsian) {
      segmenter ??= new Intl.Segmenter(undefined, { granularity: 'word' })
      for (const { segment, isWordLike } of segmenter.segment(southeastAsian)) {
        if (isWordLike) tokens.push(segment)
      }
    } else tokens.push(part)
  }
}

/** Whether a token is one character of a script whose words are matched character by character. */
export function isCjkToken(token: string): boolean {
  return CJK_TOKEN.test(token)
}
const CJK_TOKEN = new RegExp(`^[${CJK}]$`, 'u')
