import type { QueryNode, Term } from './query-ast.ts'
import { isCjkToken } from './tokenize.ts'

/**
 * Terms of which at least one occurs in every post the query matches, or null when the
 * query can match a post without any of its words, phrases, hashtags, mentions or authors
 * (`NOT x`, `lang:de`, `a OR NOT b`): such a query is too broad, it is checked on every post.
 * The compiled matcher evaluates a query only for posts where one of its anchors occurred.
 */
export function anchorsOf(node: QueryNode, negated = false): Term[] | null {
  switch (node.kind) {
    case 'not':
      return anchorsOf(node.child, !negated)
    // NOT (a AND b) is NOT a OR NOT b, and NOT (a OR b) is NOT a AND NOT b.
    case 'or':
    case 'and':
      return (node.kind === 'or') !== negated
        ? everyOf(node.children, negated)
        : cheapest(node.children.map((child) => anchorsOf(child, negated)))
    case 'near':
      return negated ? null : cheapest([anchorsOf(node.left), anchorsOf(node.right)])
    case 'lang':
      return null
    default:
      return negated ? null : [node]
  }
}

/** Anchors of an OR: any child may be the one that matched, so all of theirs. */
function everyOf(children: readonly QueryNode[], negated: boolean): Term[] | null {
  const anchors: Term[] = []
  for (const child of children) {
    const childAnchors = anchorsOf(child, negated)
    if (!childAnchors) return null
    anchors.push(...childAnchors)
  }
  return anchors
}

export function isBroadQuery(node: QueryNode): boolean {
  return anchorsOf(node) === null
}

// Any child's anchors would do for an AND; the fewest and rarest wake the query least often.
function cheapest(options: Array<Term[] | null>): Term[] | null {
  let best: Term[] | null = null
  let bestCost = Number.POSITIVE_INFINITY
  for (const option of options) {
    if (!option) continue
    const cost = option.reduce((sum, term) => sum + costOf(term), 0)
    if (cost < bestCost) {
      best = option
      bestCost = cost
    }
  }
  return best
}

// Rough rarity: longer terms are rarer; a CJK character says about as much as 2–3 letters;
// a hashtag, a mention or an author is rare.
function costOf(term: Term): number {
  if (term.kind === 'words') {
    let letters = (term.tokens.length - 1) * 2
    for (const token of term.tokens) letters += isCjkToken(token) ? 2.5 : token.length
    return 10 / letters
  }
  if (term.kind === 'prefix') return 15 / term.prefix.length
  return 1
}
