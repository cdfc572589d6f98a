import type { CountingRule } from '../../core/text/count-text.ts'
import { extractMastodonMentions, extractMastodonUrls } from '../../core/text/mastodon.ts'

export type Piece = { text: string; kind: 'text' | 'link' | 'mention' | 'tag' }
type Span = { start: number; end: number; kind: Piece['kind'] }

// Bluesky's app makes links, @handles with a dot, and #tags that are not all digits (as
// @atproto/api RichText.detectFacets); trailing punctuation stays outside.
const LINK = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)'\]]/gu
const HANDLE = /(^|[\s(])(@[a-zA-Z0-9-]+(?:\.[a-zA-Z0-9-]+)+)/gu
const TAG = /(^|\s)(#[^\s#.,;:!?)]*[^\d\s#.,;:!?)][^\s#.,;:!?)]*)/gu
// Mastodon's hashtags: letters, digits, underscores, not all digits.
const MASTODON_TAG = /(^|[^\p{L}\p{N}_/#])(#[\p{L}\p{N}_]*[\p{L}_][\p{L}\p{N}_]*)/gu

function matches(text: string, pattern: RegExp, kind: Piece['kind'], group = 0): Span[] {
  return [...text.matchAll(pattern)].map((m) => {
    const lead = group ? (m[1] ?? '').length : 0
    const start = (m.index ?? 0) + lead
    return { start, end: start + (group ? (m[group] ?? '') : m[0]).length, kind }
  })
}

/** The text cut into what the network will turn into links, mentions and hashtags. */
export function highlight(text: string, rule: CountingRule): Piece[] {
  const spans: Span[] =
    rule.kind === 'mastodon'
      ? [
          ...extractMastodonUrls(text, rule.urlLength).map((e) => ({
            ...e,
            kind: 'link' as const,
          })),
          ...extractMastodonMentions(text).map((e) => ({ ...e, kind: 'mention' as const })),
          ...matches(text, MASTODON_TAG, 'tag', 2),
        ]
      : [
          ...matches(text, LINK, 'link'),
          ...matches(text, HANDLE, 'mention', 2),
          ...matches(text, TAG, 'tag', 2),
        ]
  spans.sort((a, b) => a.start - b.start)
  const pieces: Piece[] = []
  let at = 0
  for (const span of spans) {
    if (span.start < at) continue
    if (span.start > at) pieces.push({ text: text.slice(at, span.start), kind: 'text' })
    pieces.push({ text: text.slice(span.start, span.end), kind: span.kind })
    at = span.end
  }
  if (at < text.length) pieces.push({ text: text.slice(at), kind: 'text' })
  return pieces
}

/** The first link of a text, for its card. */
export function firstLink(text: string): string | null {
  return text.match(LINK)?.[0] ?? null
}
