import { mastodonCountable, mastodonLinkNote } from './mastodon.ts'
import { countRubyGraphemes } from './ruby-graphemes.ts'
import { extractUrlsWithIndices, hasInvalidCharacters, parseTweet } from './twitter-text.ts'
import { codePointLength, countGraphemes, graphemeClusters, utf8Length } from './units.ts'

/** How a network measures a post: data on each network adapter, never a branch on its name. */
export type CountingRule =
  /** Extended grapheme clusters (Bluesky), optionally also capped in UTF-8 bytes. */
  | { kind: 'graphemes'; max: number; maxBytes?: number }
  /** Mastodon's validator: graphemes, every URL `urlLength`, `@user@domain` as `@user`, content warning included. */
  | { kind: 'mastodon'; max: number; urlLength: number }
  /** X: twitter-text's weighted length (CJK and emoji 2, URLs 23). */
  | { kind: 'x-weighted'; max: number }
  /** Plain characters in `unit`; `emoji: 'utf8-bytes'` makes an emoji cost its UTF-8 bytes. */
  | {
      kind: 'characters'
      max: number
      unit: 'utf16' | 'code-points'
      emoji?: 'utf8-bytes'
      maxLinks?: number
    }

export interface TextCount {
  /** In the rule's own unit. */
  length: number
  max: number
  /** Negative when over. */
  remaining: number
  /** Longer than the network accepts (in its unit or, where capped, in bytes). */
  over: boolean
  /** Distinct links, as the network's link detection finds them. */
  links: number
  /** UTF-8 bytes of the text: Bluesky facets index into these. */
  bytes: number
  /** Why the network would refuse the text, readable by a person; empty when it would not. */
  problems: string[]
}

export interface CountOptions {
  /** A content warning; only Mastodon counts it, against the same limit as the text. */
  contentWarning?: string
}

const number = new Intl.NumberFormat('en')

export function countText(rule: CountingRule, text: string, options: CountOptions = {}): TextCount {
  const bytes = utf8Length(text)
  const measured = measure(rule, text, options)
  const problems: string[] = []
  const lengthOver = measured.length > rule.max
  if (lengthOver) {
    const excess = measured.length - rule.max
    const why = rule.kind === 'mastodon' ? mastodonLinkNote(measured.links, rule.urlLength) : ''
    problems.push(
      `${number.format(measured.length)} of ${number.format(rule.max)} characters${why}: shorten by ${number.format(excess)}`,
    )
  }
  const bytesOver =
    rule.kind === 'graphemes' && rule.maxBytes !== undefined && bytes > rule.maxBytes
  if (bytesOver) {
    problems.push(
      `${number.format(bytes)} of ${number.format(rule.maxBytes ?? 0)} bytes: emoji and non-Latin letters take up to 4 bytes each, shorten by ${number.format(bytes - (rule.maxBytes ?? 0))} bytes`,
    )
  }
  if (rule.kind === 'characters' && rule.maxLinks !== undefined && measured.links > rule.maxLinks) {
    problems.push(`${measured.links} links: at most ${rule.maxLinks} allowed`)
  }
  if (rule.kind === 'x-weighted' && hasInvalidCharacters(text)) {
    problems.push('contains U+FEFF, U+FFFE or U+FFFF, which X refuses')
  }
  return {
    length: measured.length,
    max: rule.max,
    remaining: rule.max - measured.length,
    over: lengthOver || bytesOver,
    links: measured.links,
    bytes,
    problems,
  }
}

function measure(
  rule: CountingRule,
  text: string,
  options: CountOptions,
): { length: number; links: number } {
  switch (rule.kind) {
    case 'graphemes':
      return { length: countGraphemes(text), links: distinctUrls(text) }
    case 'mastodon': {
      const { countable, urls } = mastodonCountable(
        text,
        options.contentWarning ?? '',
        rule.urlLength,
      )
      return { length: countRubyGraphemes(countable), links: urls.length }
    }
    case 'x-weighted':
      return { length: parseTweet(text).weightedLength, links: distinctUrls(text) }
    case 'characters':
      return { length: countCharacters(text, rule.unit, rule.emoji), links: distinctUrls(text) }
  }
}

function distinctUrls(text: string): number {
  return new Set(extractUrlsWithIndices(text).map((url) => url.url)).size
}

const emoji = /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u

function countCharacters(text: string, unit: 'utf16' | 'code-points', emojiCost?: 'utf8-bytes') {
  const plain = unit === 'utf16' ? (part: string) => part.length : codePointLength
  if (emojiCost !== 'utf8-bytes') return plain(text)
  let length = 0
  for (const cluster of graphemeClusters(text)) {
    length += emoji.test(cluster) ? utf8Length(cluster) : plain(cluster)
  }
  return length
}
