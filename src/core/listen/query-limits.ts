/**
 * Limits on one saved search, in the range the commercial listening tools publish (query
 * length 512–4,096 characters, NEAR ≤ 10). A query over a limit is refused, not truncated.
 */
export const QUERY_LIMITS = {
  /** Characters (code points) in the query as typed. */
  maxLength: 1024,
  /** Words, phrases, wildcards, #hashtags, @mentions, lang: and from: together. */
  maxTerms: 100,
  /** Nested parentheses and NOTs. */
  maxDepth: 16,
  maxNearDistance: 10,
  /** Letters before a trailing `*`: `bak*` is the shortest wildcard. */
  minWildcardPrefix: 3,
} as const
