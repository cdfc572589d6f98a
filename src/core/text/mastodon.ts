// Mastodon's StatusLengthValidator, rebuilt from its Ruby (app/validators/status_length_validator.rb,
// app/lib/extractor.rb, config/initializers/twitter_regex.rb, Account::MENTION_RE): it counts the
// graphemes of spoiler_text + text after each URL became `urlLength` characters and each
// `@user@domain` became `@user`. URLs are twitter-text's (the gem, 3.1) with Mastodon's patches:
// more protocols, any non-space character in the path, non-ASCII in the query; a protocol is required.
import { astralRangesSource } from './astral-ranges.ts'
import { regexen } from './twitter-text.ts'

// Ruby's \p{White_Space}, written out: it is all BMP, and a negated class in a regex without the
// `u` flag matches each half of a surrogate pair, so an emoji in a path stays part of the URL.
const WHITE_SPACE =
  '\\t-\\r \\u0085\\u00A0\\u1680\\u2000-\\u200A\\u2028\\u2029\\u202F\\u205F\\u3000'
const pathChar = `[^${WHITE_SPACE}<>()?]`
// Mastodon redefines the ending characters before the balanced parentheses, so the ending
// characters still embed the gem's own parentheses rule (the order in twitter_regex.rb), whose
// path characters are wider than the npm package's: Ruby's \p{Cyrillic} and \p{Pd} (Unicode 15.0).
const gemCyrillic =
  '\\u0400-\\u0484\\u0487-\\u052F\\u1C80-\\u1C88\\u1D2B\\u1D78\\u2DE0-\\u2DFF\\uA640-\\uA69F\\uFE2E\\uFE2F'
const gemDashes =
  '\\-\\u058A\\u05BE\\u1400\\u1806\\u2010-\\u2015\\u2E17\\u2E1A\\u2E3A\\u2E3B\\u2E40\\u2E5D\\u301C\\u3030\\u30A0\\uFE31\\uFE32\\uFE58\\uFE63\\uFF0D'
const gemAstral = astralRangesSource([
  [0x1e030, 0x1e06d],
  [0x1e08f, 0x1e08f],
  [0x10ead, 0x10ead],
])
const gemPathChar = `(?:[a-z${gemCyrillic}0-9!*';:=+,.$/%#\\[\\]${gemDashes}_~&|@${regexen.latinAccentChars.source}]|${gemAstral})`
// Parentheses around path characters, one level of nesting allowed (/wiki/Primer_(film)).
const balancedParens = (char: string) => `\\((?:${char}+|(?:${char}*\\(${char}+\\)${char}*))\\)`
const pathEndingChar = `(?:[^${WHITE_SPACE}()?!*"'「」<>;:=,.$%\\[\\]~&|@]|(?:${balancedParens(gemPathChar)}))`
const path = `(?:(?:${pathChar}*(?:${balancedParens(pathChar)}${pathChar}*)*${pathEndingChar})|(?:${pathChar}+/))`
// Ruby's UCHARS: the BMP part fits a class, the astral part (planes 1–16 without U+E0000–U+E0FFF
// and each plane's last two code points) needs surrogate pairs in a regex without `u`.
const ucharsBmp = '\\u00A0-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFEF\\uE000-\\uF8FF'
const ucharsAstral = astralRangesSource([
  ...[1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((plane): [number, number] => [
    plane * 0x10000,
    plane * 0x10000 + 0xfffd,
  ]),
  [0xe1000, 0xefffd],
  [0xf0000, 0xffffd],
  [0x100000, 0x10fffd],
])
const queryChar = `(?:[a-z0-9!?*'();:&=+$/%#\\[\\]\\-_.,~|@\\^${ucharsBmp}]|${ucharsAstral})`
const queryEndingChar = `(?:[a-z0-9_&=#/\\-${ucharsBmp}]|${ucharsAstral})`

const validUrl = new RegExp(
  `((${regexen.validUrlPrecedingChars.source})(` +
    '((?:https?|dat|dweb|ipfs|ipns|ssb|gopher|gemini)://)?' +
    `(${regexen.validDomain.source})` +
    `(?::(${regexen.validPortNumber.source}))?` +
    `(/${path}*)?` +
    `(\\?${queryChar}*${queryEndingChar})?` +
    '))',
  'gi',
)

// The gem's t.co rule has no query part (the npm package's has one).
const validTcoUrl = /^https?:\/\/t\.co\/([a-z0-9]+)/i
const MAX_URL_LENGTH = 4096
const MAX_TCO_SLUG_LENGTH = 40

export interface Entity {
  start: number
  end: number
  /** What the validator counts in place of the entity. */
  countsAs: string
}

/** The gem's `extract_urls_with_indices(text, extract_url_without_protocol: false)`. */
export function extractMastodonUrls(text: string, urlLength: number): Entity[] {
  if (!text.includes(':')) return []
  const urls: Entity[] = []
  for (const match of text.matchAll(validUrl)) {
    const [, , before = '', found = '', protocol, domain = ''] = match
    if (!protocol) continue
    const start = (match.index ?? 0) + before.length
    let url = found
    const tco = validTcoUrl.exec(url)
    if (tco) {
      if ((tco[1] ?? '').length > MAX_TCO_SLUG_LENGTH) continue
      url = tco[0]
    }
    if (!validDomain(url, domain)) continue
    urls.push({ start, end: start + url.length, countsAs: 'x'.repeat(urlLength) })
  }
  return urls
}

// The gem's is_valid_domain: IDNA ToASCII must succeed (labels of 1–63 characters, an ASCII
// label taken as it is) and the URL, with the domain in ASCII, must fit 4,096 characters.
// @NOTE libidn also refuses code points unassigned in Unicode 3.2 (emoji domains) and labels
// breaking the bidi rule; the URL API, which encodes the other labels here, accepts some of those.
function validDomain(url: string, domain: string): boolean {
  let asciiLength = 0
  for (const label of domain.split('.')) {
    const ascii = toAsciiLabel(label)
    if (ascii === undefined || ascii.length < 1 || ascii.length > 63) return false
    asciiLength += ascii.length + 1
  }
  const length = [...url].length + Math.max(0, asciiLength - 1 - [...domain].length)
  return length <= MAX_URL_LENGTH
}

function toAsciiLabel(label: string): string | undefined {
  if (/^[\0-\x7F]*$/.test(label)) return label
  try {
    return new URL(`http://${label}/`).hostname
  } catch {
    return undefined
  }
}

// Account::MENTION_RE with USERNAME_RE inlined; Onigmo's [[:word:]] is Letter, Mark,
// Decimal_Number and Connector_Punctuation.
const WORD = '\\p{L}\\p{M}\\p{Nd}\\p{Pc}'
const mention = new RegExp(
  `(?<![=/${WORD}])@(([a-z0-9_]+(?:[a-z0-9_.-]+[a-z0-9_]+)?)(?:@[${WORD}.-]+[${WORD}]+)?)`,
  'giu',
)
const endMention = new RegExp(regexen.endMentionMatch.source, 'i')
const MAX_MENTION_DOMAIN_LENGTH = 253

/** Mastodon's `Extractor.extract_mentions_or_lists_with_indices`: `@user@domain` counts as `@user`. */
export function extractMastodonMentions(text: string): Entity[] {
  const mentions: Entity[] = []
  for (const match of text.matchAll(mention)) {
    const end = (match.index ?? 0) + match[0].length
    if (endMention.test(text.slice(end))) continue
    const domain = (match[1] ?? '').split('@')[1]
    if (domain !== undefined && [...domain].length > MAX_MENTION_DOMAIN_LENGTH) continue
    mentions.push({ start: match.index ?? 0, end, countsAs: `@${match[2]}` })
  }
  return mentions
}

/** twitter-text's remove_overlapping_entities: by start, an entity overlapping a kept one goes. */
function removeOverlapping(entities: Entity[]): Entity[] {
  const kept: Entity[] = []
  for (const entity of [...entities].sort((a, b) => a.start - b.start)) {
    const previous = kept.at(-1)
    if (previous && previous.end > entity.start) continue
    kept.push(entity)
  }
  return kept
}

// Ruby's String#strip (Status#prepare_contents runs it before validation) and String#blank?.
const rubyStrip = /^[\0\t\n\v\f\r ]+|[\0\t\n\v\f\r ]+$/g
const blank = /^\p{White_Space}*$/u

export interface MastodonCountable {
  /** spoiler_text + text as the validator measures it. */
  countable: string
  /** Distinct URLs that count as `urlLength`. */
  urls: string[]
}

export function mastodonCountable(
  text: string,
  spoilerText: string,
  urlLength: number,
): MastodonCountable {
  const body = text.replace(rubyStrip, '')
  const spoiler = spoilerText.replace(rubyStrip, '')
  if (blank.test(body)) return { countable: spoiler, urls: [] }
  const urls = extractMastodonUrls(body, urlLength)
  const entities = removeOverlapping([...urls, ...extractMastodonMentions(body)])
  let countable = spoiler
  let index = 0
  for (const entity of entities) {
    countable += body.slice(index, entity.start) + entity.countsAs
    index = entity.end
  }
  countable += body.slice(index)
  return { countable, urls: [...new Set(urls.map((url) => body.slice(url.start, url.end)))] }
}

/**
 * Why links weigh what they do, for a count over the limit: the instance says how much each
 * link counts (`characters_reserved_per_url`, 23 on Mastodon, more on some servers), and that
 * is what it enforces, so the count follows it and says so.
 */
export function mastodonLinkNote(links: number, urlLength: number): string {
  if (links === 0) return ''
  return ` (this instance counts every link as ${urlLength} characters, whatever its length)`
}
