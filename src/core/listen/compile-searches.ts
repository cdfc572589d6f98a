import { nearHolds } from './near.ts'
import { parseQuery } from './parse-query.ts'
import { anchorsOf } from './query-anchors.ts'
import type { PositionalNode, QueryNode } from './query-ast.ts'
import { QueryError } from './query-error.ts'
import { type ListenPost, type PostView, readPost } from './read-post.ts'
import { TermIndex } from './term-index.ts'

export type SavedSearchQuery = { id: string; query: string }
export type RejectedSearch = { id: string; query: string; error: QueryError }

/**
 * All saved searches of the instance, compiled into one index. Immutable: to add, edit or
 * remove a search, compile the new list (passing this one as `previous` reuses its parsed
 * queries) and swap the reference; a match in progress finishes on the matcher it started on.
 */
export type Matcher = {
  /** Ids of the searches the post matches, in the order they were given. */
  match(post: ListenPost): string[]
  /** The same for a post already read (several matchers, or a post matched again). */
  matchView(post: PostView): string[]
  /** Searches compiled (rejected ones not counted). */
  readonly size: number
  /** Searches that can match without any of their terms occurring (`NOT x`, `lang:de`): checked on every post. */
  readonly broad: readonly string[]
  /** Searches that did not parse; the rest of the matcher works without them. */
  readonly rejected: readonly RejectedSearch[]
  /** Parsed queries by query text, for the next compile. */
  readonly parsed: ReadonlyMap<string, QueryNode | QueryError>
}

type Test = () => boolean
/** One distinct query, evaluated once for all the searches that share it. */
type Entry = { test: Test; searches: number[] }

export function compileSearches(
  searches: readonly SavedSearchQuery[],
  options: { previous?: Matcher } = {},
): Matcher {
  const index = new TermIndex()
  const parsed = new Map<string, QueryNode | QueryError>()
  const ids: string[] = []
  const entries: Entry[] = []
  const entryOf = new Map<string, number>()
  const triggers: number[][] = []
  const always: number[] = []
  const broad: string[] = []
  const rejected: RejectedSearch[] = []
  const seen = new Set<string>()

  for (const { id, query } of searches) {
    if (seen.has(id)) throw new Error(`saved search ${id} is given twice`)
    seen.add(id)
    const node = parsed.get(query) ?? options.previous?.parsed.get(query) ?? parseOrError(query)
    parsed.set(query, node)
    if (node instanceof QueryError) {
      rejected.push({ id, query, error: node })
      continue
    }
    let entry = entryOf.get(query)
    const anchors = anchorsOf(node)
    if (entry === undefined) {
      entry = entries.length
      entryOf.set(query, entry)
      entries.push({ test: compileNode(node, index), searches: [] })
      if (anchors) for (const anchor of anchors) addTrigger(triggers, index.atomOf(anchor), entry)
      else always.push(entry)
    }
    if (!anchors) broad.push(id)
    ;(entries[entry] as Entry).searches.push(ids.length)
    ids.push(id)
  }
  index.seal()

  const candidateStamp = new Int32Array(entries.length)
  const candidates: number[] = []
  const onAtom = (atom: number) => {
    const woken = triggers[atom]
    if (!woken) return
    for (const entry of woken) {
      if (candidateStamp[entry] !== index.epoch) {
        candidateStamp[entry] = index.epoch
        candidates.push(entry)
      }
    }
  }

  const matchView = (post: PostView): string[] => {
    candidates.length = 0
    index.find(post, onAtom)
    const matched: number[] = []
    for (const entry of candidates) collect(entries[entry] as Entry, matched)
    for (const entry of always) collect(entries[entry] as Entry, matched)
    if (matched.length > 1) matched.sort((a, b) => a - b)
    return matched.map((search) => ids[search] as string)
  }

  return {
    match: (post) => matchView(readPost(post)),
    matchView,
    size: ids.length,
    broad,
    rejected,
    parsed,
  }
}

function collect(entry: Entry, matched: number[]): void {
  if (entry.test()) for (const search of entry.searches) matched.push(search)
}

function addTrigger(triggers: number[][], atom: number, entry: number): void {
  const list = triggers[atom]
  if (!list) triggers[atom] = [entry]
  else if (list[list.length - 1] !== entry) list.push(entry)
}

function parseOrError(query: string): QueryNode | QueryError {
  try {
    return parseQuery(query)
  } catch (error) {
    if (error instanceof QueryError) return error
    throw error
  }
}

/** A query as a closure over the index's stamps: evaluated only when an anchor woke it. */
function compileNode(node: QueryNode, index: TermIndex): Test {
  switch (node.kind) {
    case 'and': {
      const children = node.children.map((child) => compileNode(child, index))
      return () => children.every((test) => test())
    }
    case 'or': {
      const children = node.children.map((child) => compileNode(child, index))
      return () => children.some((test) => test())
    }
    case 'not': {
      const child = compileNode(node.child, index)
      return () => !child()
    }
    case 'near': {
      const left = positionalAtoms(node.left, index)
      const right = positionalAtoms(node.right, index)
      const { distance, ordered } = node
      return () => {
        const leftSpans = spansOf(left, index)
        return (
          leftSpans.length > 0 && nearHolds(leftSpans, spansOf(right, index), distance, ordered)
        )
      }
    }
    default: {
      const atom = index.atomOf(node)
      return () => index.stamp[atom] === index.epoch
    }
  }
}

function positionalAtoms(node: PositionalNode, index: TermIndex): number[] {
  if (node.kind === 'or') return node.children.flatMap((child) => positionalAtoms(child, index))
  return [index.atomOf(node, true)]
}

function spansOf(atoms: readonly number[], index: TermIndex): readonly number[] {
  if (atoms.length === 1) {
    const atom = atoms[0] as number
    return index.stamp[atom] === index.epoch ? (index.spans[atom] as number[]) : []
  }
  const spans: number[] = []
  for (const atom of atoms) {
    if (index.stamp[atom] === index.epoch) spans.push(...(index.spans[atom] as number[]))
  }
  return spans
}
