import type { Sensitivity, SpikeSettings } from './detect-spike.ts'
import { QUERY_LIMITS } from './query-limits.ts'

/**
 * Built-in crisis terms: disasters, attacks, deaths of public figures, outages, in the
 * languages Sous' listening bench covers. Phrases stay phrases; `*` keeps word families.
 * A workspace adds its own terms; the whole list is matched as one OR.
 */
export const CRISIS_LEXICON: Record<string, readonly string[]> = {
  en: [
    'earthquake',
    'tsunami',
    'wildfire',
    'hurricane',
    'flooding',
    'explosion',
    'shooting',
    'terror attack',
    'mass shooting',
    'hostage*',
    'evacuat*',
    'state of emergency',
    'has died',
    'passed away',
    'rest in peace',
    'outage',
    'is down',
    'data breach',
  ],
  de: [
    'erdbeben',
    'hochwasser',
    'überschwemmung',
    'waldbrand',
    'anschlag',
    'explosion',
    'geiselnahme',
    'evakuier*',
    'katastrophenfall',
    'ist gestorben',
    'verstorben',
    'störung',
    'ausfall',
    'datenleck',
  ],
  fr: [
    'séisme',
    'tremblement de terre',
    'inondation*',
    'incendie',
    'attentat',
    'explosion',
    'prise d’otages',
    'évacu*',
    'est mort',
    'est décédé',
    'panne',
    'fuite de données',
  ],
  es: [
    'terremoto',
    'sismo',
    'inundaci*',
    'incendio',
    'huracán',
    'atentado',
    'explosión',
    'tiroteo',
    'evacua*',
    'ha muerto',
    'falleció',
    'apagón',
    'caída del servicio',
  ],
  pt: [
    'terremoto',
    'enchente',
    'inundaç*',
    'incêndio',
    'atentado',
    'explosão',
    'tiroteio',
    'morreu',
    'faleceu',
    'apagão',
  ],
  ja: ['地震', '津波', '台風', '火事', '大雨', '爆発', '死去', '障害'],
  zh: ['地震', '海啸', '洪水', '火灾', '爆炸', '袭击', '去世', '故障'],
  ko: ['지진', '홍수', '화재', '폭발', '테러', '사망'],
}

/** The built-in terms, once each across languages. */
export function builtInCrisisTerms(): string[] {
  return [...new Set(Object.values(CRISIS_LEXICON).flat())]
}

/**
 * A crisis watch as one query per chunk of terms (a query holds at most
 * `QUERY_LIMITS.maxTerms` terms): phrases quoted, wildcards left as they are.
 */
export function crisisQueries(ownTerms: readonly string[]): string[] {
  const terms = [...new Set([...builtInCrisisTerms(), ...ownTerms.map((t) => t.trim())])].filter(
    Boolean,
  )
  const quoted = terms.map((term) => (term.endsWith('*') && !/\s/u.test(term) ? term : quote(term)))
  const queries: string[] = []
  const size = Math.min(QUERY_LIMITS.maxTerms, 40)
  for (let at = 0; at < quoted.length; at += size) {
    queries.push(quoted.slice(at, at + size).join(' OR '))
  }
  return queries
}

function quote(term: string): string {
  return `"${term.replace(/["“”„]/gu, ' ')}"`
}

/** Crisis watch reacts sooner than a search alert: the cost of a missed crisis is a post going out into it. */
export function crisisSpikeSettings(sensitivity: Sensitivity): SpikeSettings {
  const minVolume = { low: 50, medium: 25, high: 10 }[sensitivity]
  return { sensitivity, minVolume, cooldownMinutes: 60 }
}
