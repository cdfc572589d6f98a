import { parseQuery } from '../../core/listen/parse-query.ts'
import { isBroadQuery } from '../../core/listen/query-anchors.ts'
import { QueryError } from '../../core/listen/query-error.ts'

export type QueryCheck =
  | { ok: true; broad: boolean }
  | { ok: false; position: number; expected: string; message: string }

/**
 * The query as the server will read it (the same parser from core/), so a person sees the
 * problem while typing; the server checks again when the search is saved.
 */
export function checkQuery(query: string): QueryCheck | null {
  if (query.trim() === '') return null
  try {
    return { ok: true, broad: isBroadQuery(parseQuery(query)) }
  } catch (error) {
    if (!(error instanceof QueryError)) throw error
    return {
      ok: false,
      position: error.position,
      expected: error.expected,
      message: error.message,
    }
  }
}

/**
 * The query cut at the problem, for showing it with a marker: what comes before, the
 * character at the position (a space when the query ended there), and the rest.
 */
export function splitAtPosition(query: string, position: number) {
  const at = Math.min(Math.max(position, 0), query.length)
  const char = query.slice(at, at + 1)
  return { before: query.slice(0, at), at: char || ' ', after: query.slice(at + 1) }
}
