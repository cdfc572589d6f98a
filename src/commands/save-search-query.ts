import { InvalidInputError } from '../core/errors.ts'
import { parseQuery } from '../core/listen/parse-query.ts'
import { isBroadQuery } from '../core/listen/query-anchors.ts'
import { QueryError } from '../core/listen/query-error.ts'

export const BROAD_SEARCH_WARNING =
  'This search can match posts without any of its words (only NOT, lang: or from: terms): it sees a large share of all posts, so at most 60 of its matches a minute are kept (all are counted in its volume) and it sends none to the inbox.'

/** Parses a saved search's query: where it fails (position, what fits there), and whether it is broad. */
export function checkSearchQuery(query: string): { broad: boolean; warning: string | null } {
  try {
    const broad = isBroadQuery(parseQuery(query))
    return { broad, warning: broad ? BROAD_SEARCH_WARNING : null }
  } catch (error) {
    if (error instanceof QueryError) {
      throw new InvalidInputError(error.message, {
        query: `position ${error.position}: expected ${error.expected}`,
      })
    }
    throw error
  }
}
