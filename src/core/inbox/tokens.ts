/** A message split into clauses of lower-case word and emoji tokens; feeling does not cross a clause. */
export type Clause = { tokens: string[]; contrasted: boolean; asked: boolean }

const TOKEN = /[\p{L}\p{N}][\p{L}\p{N}'’-]*|\p{Extended_Pictographic}/gu
// "but", "aber", "mais", "pero", "sino" start a clause that outweighs the one before.
const CONTRAST = new Set(['but', 'aber', 'mais', 'pero', 'sino', 'however', 'doch'])

export function normalise(text: string): string {
  return text
    .normalize('NFC')
    .replace(/\uFE0F/g, '')
    .replace(/[’`]/g, "'")
    .toLowerCase()
}

export function clausesOf(text: string): Clause[] {
  const clauses: Clause[] = []
  // Split keeping each clause's end, so a clause that asks something is known.
  for (const [, part = '', end = ''] of normalise(text).matchAll(
    /([^.!?;,:\n()…]*)([.!?;,:\n()…]*)/g,
  )) {
    const asked = end.includes('?')
    let current: Clause = { tokens: [], contrasted: false, asked }
    for (const token of part.match(TOKEN) ?? []) {
      if (CONTRAST.has(token)) {
        if (current.tokens.length) clauses.push(current)
        current = { tokens: [], contrasted: true, asked }
        continue
      }
      current.tokens.push(token.replace(/^'+|'+$/g, ''))
    }
    if (current.tokens.length) clauses.push(current)
  }
  return clauses
}
