import { nearHolds } from './near.ts'
import type { PositionalNode, QueryNode } from './query-ast.ts'
import { type ListenPost, type PostView, readPost } from './read-post.ts'

/**
 * One query against one post, by walking the query: the reference the compiled matcher is
 * tested against, and the way to check a single search (a preview, an explanation).
 */
export function evaluateQuery(node: QueryNode, post: PostView): boolean {
  switch (node.kind) {
    case 'words':
    case 'prefix':
      return spansOf(node, post.tokens).length > 0
    case 'hashtag':
      return post.hashtags.includes(node.tag)
    case 'mention':
      return post.mentions.includes(node.handle)
    case 'from':
      return post.authors.includes(node.handle)
    case 'lang':
      return post.langs.includes(node.code)
    case 'and':
      return node.children.every((child) => evaluateQuery(child, post))
    case 'or':
      return node.children.some((child) => evaluateQuery(child, post))
    case 'not':
      return !evaluateQuery(node.child, post)
    case 'near':
      return nearHolds(
        spansOf(node.left, post.tokens),
        spansOf(node.right, post.tokens),
        node.distance,
        node.ordered,
      )
  }
}

export function queryMatchesPost(node: QueryNode, post: ListenPost): boolean {
  return evaluateQuery(node, readPost(post))
}

/** Where a positional term occurs: flat [start, end, …] token positions. */
export function spansOf(node: PositionalNode, tokens: readonly string[]): number[] {
  const spans: number[] = []
  if (node.kind === 'or') {
    for (const child of node.children) spans.push(...spansOf(child, tokens))
    return spans
  }
  for (let at = 0; at < tokens.length; at++) {
    if (node.kind === 'prefix') {
      if ((tokens[at] as string).startsWith(node.prefix)) spans.push(at, at)
    } else if (node.tokens.every((token, offset) => tokens[at + offset] === token)) {
      spans.push(at, at + node.tokens.length - 1)
    }
  }
  return spans
}
