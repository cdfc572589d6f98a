import type { Language } from './lexicon.ts'

const words = (list: string) => new Set(list.split(' '))

/**
 * Short, frequent words that belong to one of the four languages (a word two of them share,
 * like "a", "que", "no", "un", "la" in es/fr… is left out), and the letters only some write.
 */
export const FUNCTION_WORDS: Record<Language, ReadonlySet<string>> = {
  en: words(
    "the and is are was were you your i i'm it it's to of for this that with have has not on at be been do does don't doesn't can can't what how where when why please my me we our us will would just an they their there from about any still again yes hi thanks thank am",
  ),
  de: words(
    'der die das und ist nicht ich mein meine meinen ein eine einen sie wir ihr euch euer eure mit von zu auf für bei auch noch schon wie was wo wann warum kann gibt den dem des sind habe hat seit bitte danke aber oder nur sehr jetzt heute mir mich dich uns im zum zur kein keine nach immer wieder hallo',
  ),
  fr: words(
    "le la les des du et est je vous nous mon ma mes pas ne pour avec dans sur ce qui plus très merci bonjour votre vos depuis suis sont il elle au aux c'est j'ai une ou mais rien jamais toujours encore aussi fait",
  ),
  es: words(
    'el los las y es está están por para con mi mis una muy pero hola gracias qué cómo dónde cuándo tienen hay del al lo su sus nadie llevo estoy son tengo todo nada ya también desde',
  ),
}

/** French elisions ("j'adore", "l'appli", "qu'il"): a word of French each. */
export const FRENCH_ELISION = /(?:^|\s)(?:j|c|l|d|n|qu|s|m|t)'\p{L}/gu

/** Letters and marks one language writes and the others (nearly) never, with their weight. */
export const LETTERS: ReadonlyArray<[RegExp, Language, number]> = [
  [/[ñ¿¡]/g, 'es', 3],
  [/[áíóú]/g, 'es', 1],
  [/[ßäöü]/g, 'de', 2],
  [/[çœèêàùâîôûë]/g, 'fr', 2],
]
