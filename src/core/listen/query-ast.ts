/** A word (one token) or a phrase (several, in a row). CJK words are phrases of characters. */
export type WordsTerm = { kind: 'words'; tokens: string[] }
/** `bake*`: any token starting with `prefix`. */
export type PrefixTerm = { kind: 'prefix'; prefix: string }
export type HashtagTerm = { kind: 'hashtag'; tag: string }
/** `@alice` (any handle whose first label is alice) or `@alice.bsky.social` (that one). */
export type MentionTerm = { kind: 'mention'; handle: string }
export type FromTerm = { kind: 'from'; handle: string }
/** `lang:de` matches de and de-AT; `lang:de-at` only de-AT. */
export type LangTerm = { kind: 'lang'; code: string }

export type Term = WordsTerm | PrefixTerm | HashtagTerm | MentionTerm | FromTerm | LangTerm

/** What NEAR can measure a distance between: terms with a place in the text. */
export type PositionalNode = WordsTerm | PrefixTerm | { kind: 'or'; children: PositionalNode[] }

export type NearNode = {
  kind: 'near'
  left: PositionalNode
  right: PositionalNode
  /** At most this many words between the two. */
  distance: number
  /** ONEAR: left comes before right. */
  ordered: boolean
}

export type QueryNode =
  | Term
  | { kind: 'and'; children: QueryNode[] }
  | { kind: 'or'; children: QueryNode[] }
  | { kind: 'not'; child: QueryNode }
  | NearNode
