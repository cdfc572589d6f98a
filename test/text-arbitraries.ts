import fc from 'fast-check'

// Fragments a person types that counters get wrong: emoji sequences, flags, combining marks,
// CJK, right-to-left text, Indic conjuncts, mentions and URLs with non-ASCII paths.
const fragments = [
  '👨‍👩‍👧‍👦',
  '🏳️‍🌈',
  '🏳️‍⚧️',
  '👩🏽‍💻',
  '❤️',
  '✨',
  '1️⃣',
  '🇫🇷',
  '🇯🇵🇺🇸',
  '🇦',
  'e\u0301',
  'Z\u0351\u0361\u0337',
  'ñ',
  '日本語',
  '한국어',
  '中文字',
  'שלום',
  'مرحبا',
  '\u200F',
  'क्षत्रिय',
  'ভাষা',
  '𝐁𝐨𝐥𝐝',
  ' ',
  '\n',
  '\r\n',
  '.',
  ':',
  '@',
  '#sous',
  '@alice',
  '@alice@example.social',
  '@bob@mastodon.example',
  'https://example.com',
  'https://example.com/путь/ü',
  'https://ja.wikipedia.org/wiki/日本語',
  'http://example.org/a(b)c?x=1&y=ü#frag',
  'https://en.wikipedia.org/wiki/Primer_(film)',
  'gemini://example.net/page',
  'example.com',
  'www.example.co.uk/path',
  'https://t.co/abc123',
  'https://例え.jp/パス',
  'https://пример.рф/путь',
  'https://bsky.app/profile/alice.bsky.social',
]

const fragment = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...fragments) },
  { weight: 1, arbitrary: fc.stringMatching(/^[a-z]{1,8}$/) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }) },
)

/** Post-like text built from tricky fragments, joined with or without spaces. */
export const postText = fc
  .tuple(fc.array(fragment, { maxLength: 24 }), fc.constantFrom('', ' ', '  '))
  .map(([parts, separator]) => parts.join(separator))

/** Any code points at all, astral planes included (fast-check 4's `fullUnicodeString`). */
export const anyText = fc.string({ unit: 'binary', maxLength: 80 })

export const textCases = fc.oneof(postText, anyText)

// Text on which Mastodon's patches to twitter-text change nothing: http(s) URLs with ASCII
// paths and queries among words and punctuation, no @.
const word = fc.stringMatching(/^[a-z]{1,8}$/)
const stockUrl = fc
  .tuple(
    fc.constantFrom('http://', 'https://'),
    fc.stringMatching(/^[a-z][a-z0-9-]{0,10}[a-z0-9]$/),
    fc.constantFrom('.com', '.org', '.net', '.social', '.co.uk'),
    fc.stringMatching(/^(\/[a-z0-9_-]{0,8}[a-z0-9])*$/),
    fc.constantFrom('', '?a=1', '?q=x&y=2', '#top'),
  )
  .map((parts) => parts.join(''))

export const stockUrlText = fc
  .array(fc.oneof(word, stockUrl, fc.constantFrom('.', ',', '!', '(', ')')), { maxLength: 20 })
  .map((parts) => parts.join(' '))
