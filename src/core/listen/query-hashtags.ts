import { parseQuery } from './parse-query.ts'
import type { QueryNode } from './query-ast.ts'

/**
 * The hashtags a source could subscribe to so that these queries see more: every `#tag` not
 * under a NOT, once, in first-seen order. A query that does not parse has none.
 */
export function hashtagsOfQueries(queries: readonly string[]): string[] {
  const tags = new Set<string>()
  for (const query of queries) {
    let node: QueryNode
    try {
      node = parseQuery(query)
    } catch {
      continue
    }
    collect(node, tags)
  }
  return [...tags]
}

function collect(node: QueryNode, into: Set<string>): void {
  switch (node.kind) {
    case 'hashtag':
      into.add(node.tag)
      return
    case 'and':
    case 'or':
      for (const child of node.children) collect(child, into)
      return
    default:
      // NOT excludes; NEAR, words, mentions, authors and languages name no tag.
      return
  }
}
