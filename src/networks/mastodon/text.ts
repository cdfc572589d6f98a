import { convert, type FormatCallback } from 'html-to-text'

export type PlainText = { text: string; links: string[] }

// Bidi overrides and C0/C1 controls (but tab and newline) would let remote text reorder or
// hide what a person reads in Sous.
function isSafe(character: string): boolean {
  const code = character.codePointAt(0) ?? 0
  if (code === 0x09 || code === 0x0a) return true
  if (code < 0x20 || (code >= 0x7f && code <= 0x9f)) return false
  return !((code >= 0x202a && code <= 0x202e) || (code >= 0x2066 && code <= 0x2069))
}

/**
 * HTML from an instance (status content, a profile's note) → plain text and its http(s)
 * links, with html-to-text (a maintained HTML parser; scripts, styles and tags never reach
 * the text). Mastodon splits a link's text into invisible/ellipsis spans: all are kept, so
 * the text shows the whole URL. The `RE: …` paragraph Mastodon adds to quotes is dropped,
 * as Mastodon's own interface hides it.
 */
export function htmlToText(html: string): PlainText {
  const links: string[] = []
  const collectLink: FormatCallback = (element, walk, builder) => {
    const href = element.attribs?.href
    if (href && /^https?:\/\//i.test(href) && URL.canParse(href) && !links.includes(href)) {
      links.push(href)
    }
    walk(element.children ?? [], builder)
  }
  const text = convert(html, {
    wordwrap: false,
    formatters: { collectLink },
    selectors: [
      { selector: 'a', format: 'collectLink' },
      { selector: 'img', format: 'skip' },
      { selector: 'p.quote-inline', format: 'skip' },
      { selector: 'script', format: 'skip' },
      { selector: 'style', format: 'skip' },
    ],
  })
  return { text: Array.from(text).filter(isSafe).join('').trim(), links }
}
