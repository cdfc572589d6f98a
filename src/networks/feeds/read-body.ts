import { DetectError, MalformedError, parseFeed, parseOpml } from 'feedsmith'
import { decodeBody } from './charset.ts'
import { discoverFeeds } from './discover-feeds.ts'
import type { BodyReading } from './feed-document.ts'
import { normalizeFeed } from './normalize-feed.ts'
import { readOpml } from './opml.ts'

export type BodyTask = {
  bytes: Uint8Array
  contentType: string | null
  /** Where the body came from: relative links resolve against it. */
  url: string
  expect: 'feed' | 'opml'
}

/**
 * Runs in the parsing thread (parse-pool.ts): decodes a body by its charset and reads it
 * as a feed (or, when it is a web page, the feeds it links to) or as OPML. Never throws for
 * bad input: what cannot be read comes back `unreadable` with the reason in words.
 */
export function readBody(task: BodyTask): BodyReading {
  const text = decodeBody(task.bytes, task.contentType)
  if (task.expect === 'opml') {
    try {
      return { kind: 'opml', opml: readOpml(parseOpml(text)) }
    } catch (error) {
      return { kind: 'unreadable', reason: `it is not a readable OPML file (${why(error)})` }
    }
  }
  if (looksLikeHtml(text, task.contentType)) {
    return { kind: 'page', links: discoverFeeds(text, task.url) }
  }
  try {
    const { format, feed } = parseFeed(text)
    return { kind: 'feed', feed: normalizeFeed(format, feed, task.url) }
  } catch (error) {
    if (error instanceof DetectError) {
      return {
        kind: 'unreadable',
        reason: 'it is not a feed Sous can read (RSS, Atom, RDF or JSON Feed)',
      }
    }
    return { kind: 'unreadable', reason: `the feed cannot be read: ${why(error)}` }
  }
}

function looksLikeHtml(text: string, contentType: string | null): boolean {
  if (/^\s*(?:text\/html|application\/xhtml\+xml)/i.test(contentType ?? '')) {
    return !/^\s*(?:<\?xml[^>]*>\s*)?<(?:rss|feed|rdf:RDF)\b/i.test(text.slice(0, 2048))
  }
  return /^\s*(?:<!--[\s\S]*?-->\s*)*<(?:!doctype\s+html|html)\b/i.test(text.slice(0, 4096))
}

/** The parser's complaint, in words: its messages name the problem, never a path or address. */
function why(error: unknown): string {
  const cause = error instanceof MalformedError ? (error.cause as Error | undefined) : undefined
  const message = cause?.message ?? (error as Error)?.message ?? 'unknown error'
  if (/external entit/i.test(message))
    return 'it declares an external entity, which Sous never loads'
  if (/entit/i.test(message)) return 'its entity declarations are refused'
  return `its XML is malformed (${message.slice(0, 160)})`
}
