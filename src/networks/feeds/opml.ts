import type { OpmlFeed, OpmlReading } from './feed-document.ts'
import { absolute } from './normalize-feed.ts'

type Outline = {
  text?: string
  title?: string
  type?: string
  xmlUrl?: string
  htmlUrl?: string
  url?: string
  category?: string
  outlines?: Outline[]
}

/** Kept per import: past this, the rest is listed as skipped rather than read. */
export const MAX_OPML_OUTLINES = 20_000
const MAX_SKIPPED_LISTED = 100

/**
 * The feeds of a parsed OPML file, folders flattened into a category path ("Tech/Rust").
 * Walked with an explicit stack, so nesting depth costs memory, not the call stack.
 * `include` outlines (other OPML files, the only way an OPML refers to itself) are not
 * followed, so no file can loop; a URL listed twice is kept once.
 */
export function readOpml(parsed: unknown): OpmlReading {
  const root = (parsed ?? {}) as { body?: { outlines?: Outline[] } }
  const feeds: OpmlFeed[] = []
  const skipped: OpmlReading['skipped'] = []
  let skippedCount = 0
  const skip = (text: string, reason: string) => {
    skippedCount++
    if (skipped.length < MAX_SKIPPED_LISTED) skipped.push({ text: text.slice(0, 200), reason })
  }
  const seen = new Set<string>()
  const stack: Array<{ outline: Outline; path: string[] }> = []
  const push = (outlines: Outline[] | undefined, path: string[]) => {
    if (!Array.isArray(outlines)) return
    for (let i = outlines.length - 1; i >= 0; i--) {
      const outline = outlines[i]
      if (outline && typeof outline === 'object') stack.push({ outline, path })
    }
  }
  push(root.body?.outlines, [])
  let visited = 0
  while (stack.length > 0) {
    const { outline, path } = stack.pop() as { outline: Outline; path: string[] }
    const label = (outline.title ?? outline.text ?? '').trim()
    if (++visited > MAX_OPML_OUTLINES) {
      skip(label, `more than ${MAX_OPML_OUTLINES} outlines: the rest was not read`)
      break
    }
    if (outline.type?.toLowerCase() === 'include' || (!outline.xmlUrl && outline.url)) {
      skip(
        label || outline.url || '',
        'it includes another OPML file, which Sous does not follow: import that file itself',
      )
      continue
    }
    if (outline.xmlUrl !== undefined) {
      const url = absolute(outline.xmlUrl, 'invalid:/')
      if (!url) skip(label || String(outline.xmlUrl), 'its xmlUrl is not an http(s) address')
      else if (!seen.has(url)) {
        seen.add(url)
        const category = path.length ? path.join('/') : firstCategory(outline.category)
        feeds.push({
          url,
          title: label || null,
          siteUrl: absolute(outline.htmlUrl, url),
          category: category?.slice(0, 300) ?? null,
        })
      }
    }
    push(outline.outlines, label && !outline.xmlUrl ? [...path, label] : path)
  }
  if (skippedCount > skipped.length) {
    skipped.push({ text: '', reason: `and ${skippedCount - skipped.length} more skipped outlines` })
  }
  return { feeds, skipped }
}

function firstCategory(category: string | undefined): string | null {
  const first = category
    ?.split(',')[0]
    ?.trim()
    .replace(/^\/+|\/+$/g, '')
  return first || null
}
