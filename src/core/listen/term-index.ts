import type { Term } from './query-ast.ts'
import type { PostView } from './read-post.ts'

type Phrase = { atom: number; tokens: readonly string[] }
type Prefix = { atom: number; prefix: string }
type FirstToken = { word: number; phrases: Phrase[] }

const PREFIX_KEY = 3 // = QUERY_LIMITS.minWildcardPrefix: every wildcard has a 3-character key

/**
 * Every distinct term of every saved search, once ("atoms"), in one index keyed by the
 * token a term starts with: a post is read once, whatever the number of searches.
 * `find` stamps the atoms that occur in a post and records where the positional ones do.
 */
export class TermIndex {
  /** stamp[atom] === epoch: the atom occurs in the post being matched. */
  stamp = new Int32Array(0)
  epoch = 0
  /** Flat [start, end, …] token spans, for atoms a NEAR measures; valid while stamped. */
  readonly spans: number[][] = []
  private readonly positional: boolean[] = []
  private readonly keys = new Map<string, number>()
  private readonly firstTokens = new Map<string, FirstToken>()
  private readonly prefixes = new Map<string, Prefix[]>()
  private readonly hashtags = new Map<string, number>()
  private readonly mentions = new Map<string, number>()
  private readonly authors = new Map<string, number>()
  private readonly langs = new Map<string, number>()

  get size(): number {
    return this.positional.length
  }

  /** The atom of a term, added on first sight. */
  atomOf(term: Term, positional = false): number {
    const key = keyOf(term)
    let atom = this.keys.get(key)
    if (atom === undefined) {
      atom = this.positional.length
      this.keys.set(key, atom)
      this.positional.push(false)
      this.spans.push([])
      this.add(term, atom)
    }
    if (positional) this.positional[atom] = true
    return atom
  }

  /** Call once all atoms are in. */
  seal(): void {
    this.stamp = new Int32Array(this.size)
  }

  /** Stamps the atoms occurring in `post`; `onAtom` hears each one once. */
  find(post: PostView, onAtom: (atom: number) => void): void {
    this.epoch++
    if (this.epoch === 0x7fffffff) {
      this.stamp.fill(0)
      this.epoch = 1
    }
    const { tokens } = post
    for (let at = 0; at < tokens.length; at++) {
      const token = tokens[at] as string
      const first = this.firstTokens.get(token)
      if (first) {
        if (first.word >= 0) this.hit(first.word, at, at, onAtom)
        for (const phrase of first.phrases) {
          if (phraseAt(tokens, at, phrase.tokens)) {
            this.hit(phrase.atom, at, at + phrase.tokens.length - 1, onAtom)
          }
        }
      }
      if (token.length >= PREFIX_KEY) {
        const prefixes = this.prefixes.get(token.slice(0, PREFIX_KEY))
        if (prefixes) {
          for (const { atom, prefix } of prefixes) {
            if (token.startsWith(prefix)) this.hit(atom, at, at, onAtom)
          }
        }
      }
    }
    this.lookUp(this.hashtags, post.hashtags, onAtom)
    this.lookUp(this.mentions, post.mentions, onAtom)
    this.lookUp(this.authors, post.authors, onAtom)
    this.lookUp(this.langs, post.langs, onAtom)
  }

  private hit(atom: number, start: number, end: number, onAtom: (atom: number) => void): void {
    const first = this.stamp[atom] !== this.epoch
    if (first) this.stamp[atom] = this.epoch
    if (this.positional[atom]) {
      const spans = this.spans[atom] as number[]
      if (first) spans.length = 0
      spans.push(start, end)
    }
    if (first) onAtom(atom)
  }

  private lookUp(
    map: Map<string, number>,
    values: readonly string[],
    onAtom: (atom: number) => void,
  ): void {
    if (map.size === 0) return
    for (const value of values) {
      const atom = map.get(value)
      if (atom !== undefined) this.hit(atom, 0, 0, onAtom)
    }
  }

  private add(term: Term, atom: number): void {
    switch (term.kind) {
      case 'words': {
        const [token, ...rest] = term.tokens as [string, ...string[]]
        let first = this.firstTokens.get(token)
        if (!first) {
          first = { word: -1, phrases: [] }
          this.firstTokens.set(token, first)
        }
        if (rest.length === 0) first.word = atom
        else first.phrases.push({ atom, tokens: term.tokens })
        return
      }
      case 'prefix': {
        const key = term.prefix.slice(0, PREFIX_KEY)
        const list = this.prefixes.get(key)
        if (list) list.push({ atom, prefix: term.prefix })
        else this.prefixes.set(key, [{ atom, prefix: term.prefix }])
        return
      }
      case 'hashtag':
        this.hashtags.set(term.tag, atom)
        return
      case 'mention':
        this.mentions.set(term.handle, atom)
        return
      case 'from':
        this.authors.set(term.handle, atom)
        return
      case 'lang':
        this.langs.set(term.code, atom)
        return
    }
  }
}

function keyOf(term: Term): string {
  switch (term.kind) {
    case 'words':
      return `w ${term.tokens.join(' ')}`
    case 'prefix':
      return `* ${term.prefix}`
    case 'hashtag':
      return `# ${term.tag}`
    case 'mention':
      return `@ ${term.handle}`
    case 'from':
      return `f ${term.handle}`
    case 'lang':
      return `l ${term.code}`
  }
}

function phraseAt(tokens: readonly string[], at: number, phrase: readonly string[]): boolean {
  if (at + phrase.length > tokens.length) return false
  for (let offset = 1; offset < phrase.length; offset++) {
    if (tokens[at + offset] !== phrase[offset]) return false
  }
  return true
}
