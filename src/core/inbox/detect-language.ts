import { detect } from 'tinyld'
import { LANGUAGES, type Language } from './lexicon.ts'

/** The message's language among those Sous has word lists for; English when it cannot tell. */
export function detectLanguage(text: string): Language {
  const found = detect(text, { only: [...LANGUAGES] })
  return (LANGUAGES as readonly string[]).includes(found) ? (found as Language) : 'en'
}
