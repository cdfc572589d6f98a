import { normalizeText } from './normalize-text.ts'
import { tokenize } from './tokenize.ts'

/** A post from any source, as the matcher needs it. */
export type ListenPost = {
  text: string
  /** Language tags as the network gives them (Bluesky `langs`, Mastodon `language`). */
  lang?: string | readonly string[]
  /** The author's handle and/or DID (or acct); `from:` matches any of them. */
  author?: string | readonly string[]
  /** Tags from the network's facets or tag list; `#tags` in the text are found as well. */
  hashtags?: readonly string[]
  /** Handles or DIDs from the network's facets; `@handles` in the text are found as well. */
  mentions?: readonly string[]
}

/**
 * A post in the form queries are compared with. Handles and languages carry their short
 * forms too (`alice.bsky.social` → `alice`, `de-at` → `de`), so each lookup is one key.
 */
export type PostView = {
  tokens: string[]
  hashtags: string[]
  mentions: string[]
  authors: string[]
  langs: string[]
}

const HASHTAG = /(?<![\p{L}\p{N}_&])#([\p{L}\p{N}\p{M}_]+)/gu
const MENTION = /(?<![\p{L}\p{N}_])@([\p{L}\p{N}_.-]+(?:@[\p{L}\p{N}_.-]+)?)/gu

export function readPost(post: ListenPost): PostView {
  const text = normalizeText(post.text)
  const hashtags = listOf(post.hashtags).map(normalizeTag)
  if (text.includes('#')) for (const found of text.matchAll(HASHTAG)) hashtags.push(found[1] ?? '')
  const mentions: string[] = []
  for (const mention of listOf(post.mentions)) withShortHandle(normalizeHandle(mention), mentions)
  if (text.includes('@')) {
    for (const found of text.matchAll(MENTION)) {
      withShortHandle((found[1] ?? '').replace(/[.-]+$/, ''), mentions)
    }
  }
  const authors: string[] = []
  for (const author of listOf(post.author)) withShortHandle(normalizeHandle(author), authors)
  const langs: string[] = []
  for (const lang of listOf(post.lang)) {
    const code = lang.toLowerCase()
    langs.push(code)
    const dash = code.indexOf('-')
    if (dash > 0) langs.push(code.slice(0, dash))
  }
  return { tokens: tokenize(text), hashtags, mentions, authors, langs }
}

export function normalizeTag(tag: string): string {
  return normalizeText(tag.startsWith('#') || tag.startsWith('＃') ? tag.slice(1) : tag)
}

export function normalizeHandle(handle: string): string {
  const normalized = normalizeText(handle)
  return normalized.startsWith('@') ? normalized.slice(1) : normalized
}

/** `alice.bsky.social` and `alice@mastodon.social` are also reachable as `alice`. */
function withShortHandle(handle: string, into: string[]): void {
  if (!handle) return
  into.push(handle)
  if (handle.startsWith('did:')) return
  const end = handle.search(/[.@]/)
  if (end > 0) into.push(handle.slice(0, end))
}

function listOf(value: string | readonly string[] | undefined): readonly string[] {
  if (value === undefined) return []
  return typeof value === 'string' ? [value] : value
}
