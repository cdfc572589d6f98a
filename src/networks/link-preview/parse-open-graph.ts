import { Parser } from 'htmlparser2'

export type OpenGraph = { title?: string; description?: string; image?: string; canonical?: string }

/**
 * Title, description and image of a page from its Open Graph tags, falling back to
 * `<title>` and `meta name=description`. Stops at `</head>`: the tags live there, and
 * pages can be large.
 */
export function parseOpenGraph(html: string, pageUrl: string): OpenGraph {
  const found: Record<string, string> = {}
  let inTitle = false
  let title = ''
  let done = false
  let canonical: string | undefined
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'title') inTitle = true
        if (name === 'link' && attributes.rel?.toLowerCase() === 'canonical' && attributes.href) {
          canonical ??= attributes.href
        }
        if (name !== 'meta') return
        const key = (attributes.property ?? attributes.name ?? '').toLowerCase()
        const content = attributes.content?.trim()
        if (key && content && !(key in found)) found[key] = content
      },
      ontext(text) {
        if (inTitle) title += text
      },
      onclosetag(name) {
        if (name === 'title') inTitle = false
        if (name === 'head') {
          done = true
          parser.pause()
        }
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  if (!done) parser.end()
  const image = found['og:image'] ?? found['twitter:image']
  return {
    title: clean(found['og:title'] ?? found['twitter:title'] ?? title, 300),
    description: clean(
      found['og:description'] ?? found['twitter:description'] ?? found.description,
      1000,
    ),
    image: image && URL.canParse(image, pageUrl) ? new URL(image, pageUrl).toString() : undefined,
    canonical:
      canonical && URL.canParse(canonical, pageUrl)
        ? new URL(canonical, pageUrl).toString()
        : undefined,
  }
}

function clean(text: string | undefined, max: number): string | undefined {
  const squeezed = text?.replace(/\s+/g, ' ').trim()
  return squeezed ? squeezed.slice(0, max) : undefined
}
