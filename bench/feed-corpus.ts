// Feeds for bench/feeds.ts: distinct titles, bodies in every format.
export const FORMATS = ['rss', 'atom', 'rdf', 'json'] as const
export type Format = (typeof FORMATS)[number]
export const ITEMS_PER_FEED = 50

export const TYPES: Record<Format, string> = {
  rss: 'application/rss+xml',
  atom: 'application/atom+xml',
  rdf: 'application/rdf+xml',
  json: 'application/feed+json',
}

const VOCAB = Array.from({ length: 5_000 }, (_, i) => `w${(i * 7919 + 13).toString(36)}`)

function mix(x: number): number {
  let h = x >>> 0
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d)
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b)
  return (h ^ (h >>> 16)) >>> 0
}

/** Six words drawn by hash: two titles share most of them only by design. */
export function title(feed: number, item: number): string {
  const pick = (k: number) => VOCAB[mix(feed * 1_000_003 + item * 101 + k) % VOCAB.length]
  return `${pick(1)} ${pick(2)} ${pick(3)} ${pick(4)} ${pick(5)} ${pick(6)}`
}

export function feedBody(
  feed: number,
  format: Format,
  host: string,
  items = ITEMS_PER_FEED,
): string {
  const entries = Array.from({ length: items }, (_, i) => ({
    title: title(feed, i),
    link: `http://${host}/story/${feed}/${i}?utm_source=feed`,
    date: new Date(Date.now() - i * 3_600_000).toISOString(),
    summary: `<p>Summary of item ${i} of feed ${feed}, with <b>markup</b> &amp; an entity.</p>`,
  }))
  const x = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;')
  switch (format) {
    case 'rss':
      return `<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Feed ${feed}</title><link>http://${host}/</link>${entries
        .map(
          (e) =>
            `<item><title>${x(e.title)}</title><link>${x(e.link)}</link><guid>${x(e.link)}</guid><pubDate>${new Date(e.date).toUTCString()}</pubDate><description>${x(e.summary)}</description></item>`,
        )
        .join('')}</channel></rss>`
    case 'atom':
      return `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Feed ${feed}</title><link href="http://${host}/"/><id>urn:feed:${feed}</id><updated>${entries[0]?.date}</updated>${entries
        .map(
          (e) =>
            `<entry><title>${x(e.title)}</title><link href="${x(e.link)}"/><id>${x(e.link)}</id><updated>${e.date}</updated><summary type="html">${x(e.summary)}</summary></entry>`,
        )
        .join('')}</feed>`
    case 'rdf':
      return `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="http://${host}/"><title>Feed ${feed}</title><link>http://${host}/</link><description>d</description></channel>${entries
        .map(
          (e) =>
            `<item rdf:about="${x(e.link)}"><title>${x(e.title)}</title><link>${x(e.link)}</link><description>${x(e.summary)}</description><dc:date>${e.date}</dc:date></item>`,
        )
        .join('')}</rdf:RDF>`
    case 'json':
      return JSON.stringify({
        version: 'https://jsonfeed.org/version/1.1',
        title: `Feed ${feed}`,
        home_page_url: `http://${host}/`,
        items: entries.map((e) => ({
          id: e.link,
          url: e.link,
          title: e.title,
          content_html: e.summary,
          date_published: e.date,
        })),
      })
  }
}
