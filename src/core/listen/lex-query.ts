import { normalizeText } from './normalize-text.ts'
import type { Term } from './query-ast.ts'
import { QueryError } from './query-error.ts'
import { QUERY_LIMITS } from './query-limits.ts'
import { normalizeHandle, normalizeTag } from './read-post.ts'
import { isCjkToken, tokenize } from './tokenize.ts'

export type Lexeme =
  | { type: '(' | ')' | 'AND' | 'OR' | 'NOT' | 'end'; start: number }
  | { type: 'NEAR'; start: number; distance: number; ordered: boolean }
  | { type: 'term'; start: number; term: Term }

const OPEN_QUOTES = '"“„'
const CLOSE_QUOTES = '"”“'
const DELIMITERS = /[\s()"“”„]/u
const NEAR = /^(O?)NEAR\/(\d+)(f?)$/
const HASHTAG = /^[\p{L}\p{N}\p{M}_]+$/u
const HANDLE = /^[\p{L}\p{N}\p{M}_.:@-]+$/u
const LANGUAGE = /^[a-z]{2,3}(-[a-z0-9]{1,8})*$/
const FIELD = /^([A-Za-z]+):/

/** Splits a query into operators and terms; terms come out normalized and checked. */
export function lexQuery(query: string): Lexeme[] {
  const lexemes: Lexeme[] = []
  let terms = 0
  const pushTerm = (start: number, term: Term) => {
    terms++
    if (terms > QUERY_LIMITS.maxTerms) {
      throw new QueryError(
        'too_many_terms',
        start,
        `at most ${QUERY_LIMITS.maxTerms} terms`,
        `A saved search may have at most ${QUERY_LIMITS.maxTerms} terms; term ${terms} starts at position ${start}. Split it into several searches.`,
      )
    }
    lexemes.push({ type: 'term', start, term })
  }

  let at = 0
  while (at < query.length) {
    const char = query[at] as string
    if (/\s/u.test(char)) {
      at++
    } else if (char === '(' || char === ')') {
      lexemes.push({ type: char, start: at++ })
    } else if (OPEN_QUOTES.includes(char)) {
      const close = findCloseQuote(query, at + 1)
      if (close < 0) {
        throw new QueryError(
          'syntax',
          at,
          'a closing "',
          `The phrase opened at position ${at} has no closing quote (")`,
        )
      }
      const tokens = tokenize(normalizeText(query.slice(at + 1, close)))
      if (tokens.length === 0) {
        throw new QueryError(
          'syntax',
          at,
          'a word inside the quotes',
          `The phrase at position ${at} has no words in it`,
        )
      }
      pushTerm(at, { kind: 'words', tokens })
      at = close + 1
    } else if (char === '-') {
      const next = query[at + 1]
      if (next === undefined || next === ')' || /\s/u.test(next)) {
        throw new QueryError(
          'syntax',
          at + 1,
          'a term right after -',
          `"-" at position ${at} excludes the term right after it; write it without a space (-word)`,
        )
      }
      lexemes.push({ type: 'NOT', start: at++ })
    } else {
      let end = at
      while (end < query.length && !DELIMITERS.test(query[end] as string)) end++
      const chunk = query.slice(at, end)
      if (chunk === 'AND' || chunk === 'OR' || chunk === 'NOT') {
        lexemes.push({ type: chunk, start: at })
      } else if (/^O?NEAR\b/.test(chunk)) {
        lexemes.push(nearLexeme(chunk, at))
      } else {
        pushTerm(at, termOf(chunk, at))
      }
      at = end
    }
  }
  lexemes.push({ type: 'end', start: query.length })
  return lexemes
}

function findCloseQuote(query: string, from: number): number {
  for (let at = from; at < query.length; at++) {
    if (CLOSE_QUOTES.includes(query[at] as string)) return at
  }
  return -1
}

function nearLexeme(chunk: string, start: number): Lexeme {
  const match = NEAR.exec(chunk)
  if (!match) {
    throw new QueryError(
      'syntax',
      start,
      'NEAR/n with a distance, e.g. NEAR/5',
      `"${chunk}" at position ${start}: write NEAR/n (or ONEAR/n for "in this order"), n words at most between the terms. To search for the word, write it in lower case.`,
    )
  }
  const distance = Number(match[2])
  if (distance > QUERY_LIMITS.maxNearDistance) {
    throw new QueryError(
      'near_distance',
      start,
      `a distance from 0 to ${QUERY_LIMITS.maxNearDistance}`,
      `${chunk} at position ${start}: NEAR distances go up to ${QUERY_LIMITS.maxNearDistance} words`,
    )
  }
  return { type: 'NEAR', start, distance, ordered: match[1] === 'O' || match[3] === 'f' }
}

function termOf(chunk: string, start: number): Term {
  if (chunk.startsWith('#') || chunk.startsWith('＃')) {
    if (chunk.endsWith('*')) throw wildcardError(start, 'Wildcards work on words, not on #hashtags')
    const tag = normalizeTag(chunk)
    if (!HASHTAG.test(tag)) {
      throw new QueryError(
        'syntax',
        start,
        'letters, digits or _ after #',
        `"${chunk}" at position ${start} is not a hashtag: after # come letters, digits or _`,
      )
    }
    return { kind: 'hashtag', tag }
  }
  if (chunk.startsWith('@')) return { kind: 'mention', handle: handleOf(chunk, chunk, start) }
  const field = FIELD.exec(chunk)?.[1]?.toLowerCase()
  if (field === 'lang') {
    const code = chunk.slice(5).toLowerCase()
    if (!LANGUAGE.test(code)) {
      throw new QueryError(
        'syntax',
        start + 5,
        'a language code such as de, pt-br or ja',
        `"${chunk}" at position ${start}: lang: takes a language code such as de, pt-br or ja`,
      )
    }
    return { kind: 'lang', code }
  }
  if (field === 'from' || field === 'author') {
    const value = chunk.slice(field.length + 1)
    return { kind: 'from', handle: handleOf(value, chunk, start + field.length + 1) }
  }
  return wordTerm(chunk, start)
}

function handleOf(value: string, chunk: string, start: number): string {
  const handle = normalizeHandle(value)
  if (!HANDLE.test(handle)) {
    throw new QueryError(
      'syntax',
      start,
      'a handle such as alice.bsky.social',
      `"${chunk}" at position ${start}: expected a handle such as alice.bsky.social or alice@mastodon.social`,
    )
  }
  return handle
}

function wordTerm(chunk: string, start: number): Term {
  const star = chunk.indexOf('*')
  if (star >= 0 && star < chunk.length - 1) {
    throw wildcardError(start + star, `"${chunk}": * goes only at the end of a word, as in bake*`)
  }
  const wildcard = star === chunk.length - 1
  const tokens = tokenize(normalizeText(wildcard ? chunk.slice(0, -1) : chunk))
  if (!wildcard) {
    if (tokens.length > 0) return { kind: 'words', tokens }
    throw new QueryError(
      'syntax',
      start,
      'a word, "phrase", #hashtag, @mention, lang:, from: or (',
      `"${chunk}" at position ${start} has no letters, digits or emoji to search for`,
    )
  }
  const [prefix] = tokens
  if (tokens.length > 1) {
    throw wildcardError(
      start,
      `"${chunk}": a wildcard takes one word before *, without punctuation`,
    )
  }
  if (prefix && isCjkToken(prefix)) {
    throw wildcardError(
      start,
      `"${chunk}": Chinese, Japanese and Korean words already match inside longer words; remove the *`,
    )
  }
  if (!prefix || [...prefix].length < QUERY_LIMITS.minWildcardPrefix) {
    throw wildcardError(
      start,
      `"${chunk}" at position ${start}: a wildcard needs at least ${QUERY_LIMITS.minWildcardPrefix} letters before *, as in bak*`,
    )
  }
  return { kind: 'prefix', prefix }
}

function wildcardError(position: number, message: string): QueryError {
  return new QueryError(
    'wildcard',
    position,
    `a word of at least ${QUERY_LIMITS.minWildcardPrefix} letters before *`,
    message,
  )
}
