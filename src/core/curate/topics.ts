/** A term the workspace cares about: a word or a phrase, weighted (how much a match counts). */
export type Topic = { term: string; weight: number }

export type TopicMatch = { term: string; weight: number; where: 'title' | 'summary' }

export const MAX_TOPICS = 200
/** Weights run from −10 (keep away) to 10; a negative topic pushes matching items down. */
export const MAX_TOPIC_WEIGHT = 10

/** Lower-case words with accents folded: what topics and texts are compared as. */
export function words(text: string): string[] {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}+#]+/u)
    .filter(Boolean)
}

/** One spelling per topic: trimmed, inner spaces squeezed, lower-cased; the last weight given wins. */
export function normalizeTopics(topics: readonly Topic[]): Topic[] {
  const byKey = new Map<string, Topic>()
  for (const topic of topics) {
    const term = topic.term.replace(/\s+/g, ' ').trim()
    if (!term || words(term).length === 0) continue
    // Two decimals are all a weight means; a tiny float (1e-50) would not fit a real column.
    const weight = Math.round(topic.weight * 100) / 100
    byKey.set(term.toLowerCase(), { term: term.toLowerCase(), weight })
  }
  return [...byKey.values()]
}

const plural = (a: string, b: string) => a === b || b === `${a}s` || b === `${a}es` || a === `${b}s`

function contains(haystack: readonly string[], needle: readonly string[]): boolean {
  outer: for (let i = 0; i + needle.length <= haystack.length; i++) {
    for (let j = 0; j < needle.length; j++) {
      if (!plural(needle[j] as string, haystack[i + j] as string)) continue outer
    }
    return true
  }
  return false
}

/**
 * Which topics a title and summary mention, as whole words or phrases in order (case,
 * accents and a plural -s/-es aside). A title mention outranks one in the summary.
 */
export function matchTopics(
  topics: readonly Topic[],
  text: { title: string; summary?: string | null },
): TopicMatch[] {
  const title = words(text.title)
  const summary = words(text.summary ?? '')
  const matches: TopicMatch[] = []
  for (const topic of topics) {
    const needle = words(topic.term)
    if (needle.length === 0) continue
    if (contains(title, needle)) matches.push({ ...topic, where: 'title' })
    else if (contains(summary, needle)) matches.push({ ...topic, where: 'summary' })
  }
  return matches
}
