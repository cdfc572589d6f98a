import { type Lexeme, lexQuery } from './lex-query.ts'
import type { PositionalNode, QueryNode } from './query-ast.ts'
import { QueryError } from './query-error.ts'
import { QUERY_LIMITS } from './query-limits.ts'

const A_TERM = 'a word, "phrase", #hashtag, @mention, lang:, from: or ('

/**
 * Parses a saved search. Precedence NOT > AND > OR; adjacent terms are joined by AND;
 * NEAR/n and ONEAR/n bind tighter than NOT and take words, phrases and wildcards (or an OR
 * of them in parentheses). Operators are upper case; `and`, `or`, `near` are words.
 * Throws `QueryError` with the position and what was expected there.
 */
export function parseQuery(query: string): QueryNode {
  // Checked before any other work, so a huge query costs nothing.
  if (query.length > QUERY_LIMITS.maxLength && [...query].length > QUERY_LIMITS.maxLength) {
    throw new QueryError(
      'too_long',
      QUERY_LIMITS.maxLength,
      `at most ${QUERY_LIMITS.maxLength.toLocaleString('en')} characters`,
      `A saved search may be at most ${QUERY_LIMITS.maxLength.toLocaleString('en')} characters long; this one has ${[...query].length.toLocaleString('en')}. Split it into several searches.`,
    )
  }
  return new Parser(lexQuery(query)).parse()
}

class Parser {
  private next = 0
  private depth = 0

  constructor(private readonly lexemes: Lexeme[]) {}

  parse(): QueryNode {
    const node = this.or()
    const left = this.peek()
    if (left.type === ')') {
      throw new QueryError(
        'syntax',
        left.start,
        'AND, OR, a term or the end of the query',
        `")" at position ${left.start} closes no "("`,
      )
    }
    if (left.type !== 'end') throw this.unexpected(left, 'AND, OR, a term or the end of the query')
    return node
  }

  private or(): QueryNode {
    const children = [this.and()]
    while (this.peek().type === 'OR') {
      this.next++
      children.push(this.and())
    }
    return joined('or', children)
  }

  private and(): QueryNode {
    const children = [this.unary()]
    for (;;) {
      const { type } = this.peek()
      if (type === 'AND') this.next++
      else if (type !== 'term' && type !== '(' && type !== 'NOT') break
      children.push(this.unary())
    }
    return joined('and', children)
  }

  private unary(): QueryNode {
    const lexeme = this.peek()
    if (lexeme.type !== 'NOT') return this.near()
    this.next++
    this.enter(lexeme.start)
    const child = this.unary()
    this.depth--
    return { kind: 'not', child }
  }

  private near(): QueryNode {
    const leftStart = this.peek().start
    const left = this.primary()
    const operator = this.peek()
    if (operator.type !== 'NEAR') return left
    this.next++
    const rightStart = this.peek().start
    const right = this.primary()
    const node: QueryNode = {
      kind: 'near',
      left: positional(left, leftStart),
      right: positional(right, rightStart),
      distance: operator.distance,
      ordered: operator.ordered,
    }
    const after = this.peek()
    if (after.type === 'NEAR') {
      throw new QueryError(
        'syntax',
        after.start,
        'AND, OR or the end of the query',
        `One NEAR at a time (position ${after.start}): write (a NEAR/3 b) AND (b NEAR/3 c)`,
      )
    }
    return node
  }

  private primary(): QueryNode {
    const lexeme = this.peek()
    if (lexeme.type === 'term') {
      this.next++
      return lexeme.term
    }
    if (lexeme.type !== '(') throw this.unexpected(lexeme, A_TERM)
    this.next++
    this.enter(lexeme.start)
    const node = this.or()
    const close = this.peek()
    if (close.type !== ')') {
      throw new QueryError(
        'syntax',
        close.start,
        '")"',
        `The "(" at position ${lexeme.start} is not closed: expected ")" at position ${close.start}, found ${describe(close)}`,
      )
    }
    this.next++
    this.depth--
    return node
  }

  private enter(position: number): void {
    this.depth++
    if (this.depth > QUERY_LIMITS.maxDepth) {
      throw new QueryError(
        'too_deep',
        position,
        `at most ${QUERY_LIMITS.maxDepth} levels of parentheses and NOT`,
        `The query nests deeper than ${QUERY_LIMITS.maxDepth} levels at position ${position}`,
      )
    }
  }

  private peek(): Lexeme {
    return this.lexemes[this.next] as Lexeme
  }

  private unexpected(lexeme: Lexeme, expected: string): QueryError {
    return new QueryError(
      'syntax',
      lexeme.start,
      expected,
      `Expected ${expected} at position ${lexeme.start}, found ${describe(lexeme)}`,
    )
  }
}

function joined(kind: 'and' | 'or', children: QueryNode[]): QueryNode {
  if (children.length === 1) return children[0] as QueryNode
  return {
    kind,
    children: children.flatMap((child) => (child.kind === kind ? child.children : [child])),
  }
}

function positional(node: QueryNode, start: number): PositionalNode {
  if (node.kind === 'words' || node.kind === 'prefix') return node
  if (node.kind === 'or') {
    return { kind: 'or', children: node.children.map((child) => positional(child, start)) }
  }
  throw new QueryError(
    'syntax',
    start,
    'a word, "phrase" or wildcard (or an OR of them in parentheses)',
    `NEAR measures the distance between words: at position ${start} it takes a word, "phrase" or wildcard, or an OR of them in parentheses`,
  )
}

function describe(lexeme: Lexeme): string {
  switch (lexeme.type) {
    case 'end':
      return 'the end of the query'
    case 'term':
      return 'a term'
    case 'NEAR':
      return 'NEAR'
    default:
      return `"${lexeme.type}"`
  }
}
