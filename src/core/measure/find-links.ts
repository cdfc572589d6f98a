/** http(s) links as the networks detect them in text, trailing punctuation left out. */
const LINK = /\bhttps?:\/\/[^\s<>"]+/giu
const TRAILING = /[.,;:!?)\]}'"»”’]+$/u

export type FoundLink = { url: string; start: number; end: number }

export function findLinks(text: string): FoundLink[] {
  const found: FoundLink[] = []
  for (const match of text.matchAll(LINK)) {
    let url = match[0]
    // A closing parenthesis that the link opened stays (Wikipedia-style links).
    const trailing = url.match(TRAILING)?.[0] ?? ''
    let cut = trailing.length
    if (trailing.startsWith(')') && url.slice(0, -cut).includes('(')) cut -= 1
    if (cut > 0) url = url.slice(0, -cut)
    if (!URL.canParse(url)) continue
    found.push({ url, start: match.index, end: match.index + url.length })
  }
  return found
}

/** `text` with each link that has a short one replaced by it; everything else untouched. */
export function replaceLinks(text: string, shortFor: ReadonlyMap<string, string>): string {
  let out = ''
  let at = 0
  for (const link of findLinks(text)) {
    const short = shortFor.get(link.url)
    if (!short) continue
    out += text.slice(at, link.start) + short
    at = link.end
  }
  return out + text.slice(at)
}
