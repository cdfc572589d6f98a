import { createRequire } from 'node:module'
import { FRENCH_ELISION, FUNCTION_WORDS, LETTERS } from './function-words.ts'
import { LANGUAGES, type Language } from './lexicon.ts'

// tinyld's language profiles cost ~50 MB of memory: loaded on the first message that needs a
// language, not when Sous starts (a web process may never classify anything).
const require = createRequire(import.meta.url)
let detect: typeof import('tinyld').detect | undefined

/**
 * The message's language among those Sous has word lists for; English when it cannot tell.
 * Its own function words and letters decide when one language clearly leads (7 µs a message;
 * 216 of the 261 labelled messages, none wrong); tinyld reads the rest (~100 µs, half of all
 * ingest CPU when it read every message: bench/inbox.ts).
 */
export function detectLanguage(text: string): Language {
  const clear = leadingLanguage(text)
  if (clear) return clear
  detect ??= (require('tinyld') as typeof import('tinyld')).detect
  const found = detect(text, { only: [...LANGUAGES] })
  return (LANGUAGES as readonly string[]).includes(found) ? (found as Language) : 'en'
}

/** The language at least two signs point to and twice as many as to any other, if there is one. */
export function leadingLanguage(text: string): Language | null {
  const lowered = text.toLowerCase().replace(/’/g, "'")
  const score: Record<Language, number> = { en: 0, de: 0, fr: 0, es: 0 }
  for (const token of lowered.match(/\p{L}[\p{L}']*/gu) ?? [])
    for (const language of LANGUAGES) if (FUNCTION_WORDS[language].has(token)) score[language]++
  score.fr += lowered.match(FRENCH_ELISION)?.length ?? 0
  for (const [letters, language, weight] of LETTERS)
    score[language] += (lowered.match(letters)?.length ?? 0) * weight
  const [first, second] = LANGUAGES.map((l) => [l, score[l]] as const).sort((a, b) => b[1] - a[1])
  if (!first || !second) return null
  return first[1] >= 2 && first[1] >= 2 * second[1] ? first[0] : null
}
