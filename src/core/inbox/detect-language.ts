import { createRequire } from 'node:module'
import { LANGUAGES, type Language } from './lexicon.ts'

// tinyld's language profiles cost ~50 MB of memory: loaded on the first message that needs a
// language, not when Sous starts (a web process may never classify anything).
const require = createRequire(import.meta.url)
let detect: typeof import('tinyld').detect | undefined

/** The message's language among those Sous has word lists for; English when it cannot tell. */
export function detectLanguage(text: string): Language {
  detect ??= (require('tinyld') as typeof import('tinyld')).detect
  const found = detect(text, { only: [...LANGUAGES] })
  return (LANGUAGES as readonly string[]).includes(found) ? (found as Language) : 'en'
}
