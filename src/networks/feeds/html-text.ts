import { Parser } from 'htmlparser2'

const SKIPPED = new Set(['script', 'style', 'noscript', 'template', 'iframe', 'svg', 'math'])

/**
 * Feed HTML as plain text: tags dropped, entities decoded, script and style contents left
 * out, whitespace squeezed, cut at `max` characters on a word. Nothing of the markup
 * survives, so the text is safe to show anywhere. The first image's source comes along.
 */
export function htmlToText(html: string, max: number): { text: string; image: string | null } {
  if (!/[<&]/.test(html)) return { text: squeeze(html, max), image: null }
  let text = ''
  let skipping = 0
  let image: string | null = null
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (SKIPPED.has(name)) skipping++
        if (name === 'img' && image === null && attributes.src) image = attributes.src
        if (name === 'br' || name === 'p' || name === 'li' || name === 'div') text += ' '
      },
      ontext(chunk) {
        if (skipping === 0 && text.length < max * 2) text += chunk
      },
      onclosetag(name) {
        if (SKIPPED.has(name)) skipping = Math.max(0, skipping - 1)
        if (name === 'p' || name === 'div' || name === 'li') text += ' '
      },
    },
    { decodeEntities: true },
  )
  parser.write(html)
  parser.end()
  return { text: squeeze(text, max), image }
}

function squeeze(text: string, max: number): string {
  const squeezed = text.replace(/\s+/g, ' ').trim()
  if (squeezed.length <= max) return squeezed
  const cut = squeezed.slice(0, max)
  const space = cut.lastIndexOf(' ')
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`
}
