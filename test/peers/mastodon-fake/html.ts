/**
 * Status text → HTML the way Mastodon's formatter writes it: paragraphs, `<br />`, links
 * split into invisible/ellipsis spans, mentions as `u-url mention` inside an `h-card`,
 * hashtags as `mention hashtag`. Only what the adapter's sanitizer must cope with.
 */

export type Linkifier = {
  base: string
  /** The profile URL of a local account, by username; undefined when unknown. */
  profileUrl: (username: string) => string | undefined
}

const TOKEN =
  /(https?:\/\/[^\s<>"]+)|(^|[^\w/@])@([a-zA-Z0-9_]+)(@[a-zA-Z0-9.-]+(?::\d+)?)?|(^|[^\w/&])#([\p{L}\p{N}_]+)/gu
const TRAILING_PUNCTUATION = /[.,;:!?)\]'"]+$/

export function escapeHtml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
}

export function renderContent(text: string, linkifier: Linkifier): string {
  const paragraphs = text
    .replace(/\r\n?/g, '\n')
    .split(/\n{2,}/)
    .filter((paragraph) => paragraph.trim() !== '')
  return paragraphs
    .map(
      (paragraph) =>
        `<p>${paragraph
          .split('\n')
          .map((line) => linkify(line, linkifier))
          .join('<br />')}</p>`,
    )
    .join('')
}

function linkify(line: string, linkifier: Linkifier): string {
  let html = ''
  let last = 0
  for (const match of line.matchAll(TOKEN)) {
    const index = match.index ?? 0
    html += escapeHtml(line.slice(last, index))
    last = index + match[0].length
    if (match[1]) {
      const url = match[1].replace(TRAILING_PUNCTUATION, '')
      html += link(url)
      html += escapeHtml(match[1].slice(url.length))
    } else if (match[3]) {
      const before = match[2] ?? ''
      const profile = match[4] ? undefined : linkifier.profileUrl(match[3])
      html += escapeHtml(before)
      html += profile
        ? `<span class="h-card" translate="no"><a href="${escapeHtml(profile)}" class="u-url mention">@<span>${escapeHtml(match[3])}</span></a></span>`
        : escapeHtml(`@${match[3]}${match[4] ?? ''}`)
    } else if (match[6]) {
      const before = match[5] ?? ''
      const tag = match[6]
      html += `${escapeHtml(before)}<a href="${escapeHtml(`${linkifier.base}/tags/${encodeURIComponent(tag.toLowerCase())}`)}" class="mention hashtag" rel="tag">#<span>${escapeHtml(tag)}</span></a>`
    }
  }
  return html + escapeHtml(line.slice(last))
}

/** Mastodon shows 30 characters of a link, hiding the scheme and `www.`. */
function link(url: string): string {
  const prefix = /^https?:\/\/(www\.)?/.exec(url)?.[0] ?? ''
  const rest = url.slice(prefix.length)
  const shown = rest.slice(0, 30)
  const hidden = rest.slice(30)
  return `<a href="${escapeHtml(url)}" target="_blank" rel="nofollow noopener" translate="no"><span class="invisible">${escapeHtml(prefix)}</span><span class="${hidden ? 'ellipsis' : ''}">${escapeHtml(shown)}</span><span class="invisible">${escapeHtml(hidden)}</span></a>`
}

/** Mastodon's StatusLengthValidator: graphemes, every URL 23, `@user@domain` as `@user`. */
export function countStatusLength(text: string, spoilerText: string, urlLength: number): number {
  const countable = `${spoilerText}${text}`
    .replace(/https?:\/\/[^\s<>"]+/g, 'x'.repeat(urlLength))
    .replace(/@([a-zA-Z0-9_]+)@[a-zA-Z0-9.-]+/g, '@$1')
  return [...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(countable)].length
}
