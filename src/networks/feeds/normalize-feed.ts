import type { FeedDocument, FeedEntry } from './feed-document.ts'
import { htmlToText } from './html-text.ts'

/** Entries kept from one fetch: a feed with thousands is an archive, and its newest come first. */
export const MAX_ENTRIES = 200
const MAX_TITLE = 300
const MAX_SUMMARY = 600

// The fields read from feedsmith's output, as it names them; everything is optional and
// checked, since feeds send anything.
type Text = string | { value?: string; type?: string } | undefined
type Link = { href?: string; rel?: string; type?: string }
type Media = {
  thumbnails?: Array<{ url?: string }>
  contents?: Array<{ url?: string; medium?: string; type?: string }>
  groups?: Media[]
}
type LooseItem = {
  id?: string
  title?: Text
  link?: string
  links?: Link[]
  url?: string
  external_url?: string
  guid?: { value?: string; isPermaLink?: boolean }
  description?: string
  summary?: Text
  content?: Text | { encoded?: string }
  content_html?: string
  content_text?: string
  authors?: Array<{ name?: string } | string>
  author?: { name?: string }
  pubDate?: string
  published?: string
  updated?: string
  date_published?: string
  date_modified?: string
  dc?: { creators?: string[]; dates?: string[]; creator?: string; date?: string }
  enclosures?: Array<{ url?: string; type?: string }>
  image?: string
  banner_image?: string
  media?: Media
  itunes?: { image?: string }
}
type LooseFeed = {
  title?: Text
  link?: string
  links?: Link[]
  home_page_url?: string
  ttl?: number
  items?: LooseItem[]
  entries?: LooseItem[]
}

/** feedsmith's parse of any format → one FeedDocument; relative links resolve against `base`. */
export function normalizeFeed(
  format: FeedDocument['format'],
  parsed: unknown,
  base: string,
): FeedDocument {
  const feed = (parsed ?? {}) as LooseFeed
  const siteUrl = absolute(feed.home_page_url ?? feed.link ?? alternate(feed.links), base)
  const raw = feed.items ?? feed.entries ?? []
  const entries: FeedEntry[] = []
  for (const item of Array.isArray(raw) ? raw : []) {
    const entry = normalizeEntry(item, siteUrl ?? base)
    if (entry) entries.push(entry)
  }
  // Feeds list newest first, mostly; only an archive too long to keep is put in date order.
  if (entries.length > MAX_ENTRIES)
    entries.sort((a, b) => timeOf(b.published) - timeOf(a.published))
  return {
    format,
    title: text(feed.title, MAX_TITLE) || null,
    siteUrl,
    ttlMinutes: typeof feed.ttl === 'number' && Number.isFinite(feed.ttl) ? feed.ttl : null,
    entries: entries.slice(0, MAX_ENTRIES),
  }
}

function normalizeEntry(item: LooseItem, base: string): FeedEntry | null {
  if (!item || typeof item !== 'object') return null
  const permalink = item.guid?.isPermaLink !== false ? item.guid?.value : undefined
  const url = absolute(
    item.url ?? item.external_url ?? item.link ?? alternate(item.links) ?? permalink,
    base,
  )
  if (!url) return null
  const body = contentHtml(item)
  const summaryHtml = plain(item.summary) ?? item.description ?? item.content_text ?? body
  const summary = summaryHtml ? htmlToText(summaryHtml, MAX_SUMMARY) : null
  const title = text(item.title, MAX_TITLE) || summary?.text.slice(0, 120) || ''
  if (!title) return null
  const inlineImage = summary?.image ?? (body ? htmlToText(body, 0).image : null)
  return {
    key: (item.id ?? item.guid?.value ?? url).slice(0, 2000),
    url,
    title,
    summary: summary?.text || null,
    author: author(item),
    imageUrl: absolute(image(item) ?? inlineImage ?? undefined, url),
    published:
      item.pubDate ??
      item.published ??
      item.date_published ??
      item.dc?.dates?.[0] ??
      item.dc?.date ??
      item.updated ??
      item.date_modified ??
      null,
  }
}

function text(value: Text, max: number): string {
  if (!value) return ''
  if (typeof value === 'string') return htmlToText(value, max).text
  if (!value.value) return ''
  return value.type === 'text' ? squeeze(value.value, max) : htmlToText(value.value, max).text
}

function plain(value: Text): string | undefined {
  if (!value) return undefined
  return typeof value === 'string' ? value : value.value
}

function contentHtml(item: LooseItem): string | undefined {
  const content = item.content
  if (typeof content === 'string') return content
  if (content && 'encoded' in content && content.encoded) return content.encoded
  if (content && 'value' in content) return content.value
  return item.content_html
}

function author(item: LooseItem): string | null {
  const first = item.authors?.[0]
  const name =
    (typeof first === 'string' ? first : first?.name) ??
    item.author?.name ??
    item.dc?.creators?.[0] ??
    item.dc?.creator
  return name ? squeeze(name, 200) || null : null
}

function image(item: LooseItem): string | undefined {
  const enclosure = item.enclosures?.find((e) => e.type?.startsWith('image/'))?.url
  const media = item.media
  const fromMedia =
    media?.thumbnails?.[0]?.url ??
    media?.contents?.find((c) => c.medium === 'image' || c.type?.startsWith('image/'))?.url ??
    media?.groups?.[0]?.thumbnails?.[0]?.url
  const atomEnclosure = item.links?.find(
    (l) => l.rel === 'enclosure' && l.type?.startsWith('image/'),
  )?.href
  return (
    item.image ?? item.banner_image ?? enclosure ?? fromMedia ?? atomEnclosure ?? item.itunes?.image
  )
}

function alternate(links: Link[] | undefined): string | undefined {
  if (!Array.isArray(links)) return undefined
  return (links.find((l) => !l.rel || l.rel === 'alternate') ?? undefined)?.href
}

/** An absolute http(s) URL, or null: relative links resolve against `base`; other schemes are dropped. */
export function absolute(value: string | undefined | null, base: string): string | null {
  if (!value || typeof value !== 'string') return null
  try {
    const url = new URL(value.trim(), base)
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.toString() : null
  } catch {
    return null
  }
}

function squeeze(value: string, max: number): string {
  return value.replace(/\s+/g, ' ').trim().slice(0, max)
}

function timeOf(published: string | null): number {
  const t = published ? Date.parse(published) : Number.NaN
  return Number.isNaN(t) ? 0 : t
}
