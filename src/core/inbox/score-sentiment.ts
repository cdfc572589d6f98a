import { type Language, NEGATORS, VALENCE } from './lexicon.ts'
import { clausesOf } from './tokens.ts'

export const SENTIMENTS = ['positive', 'neutral', 'negative', 'unsure'] as const
export type Sentiment = (typeof SENTIMENTS)[number]

export type SentimentReading = {
  sentiment: Sentiment
  score: number
  positive: string[]
  negative: string[]
  sarcasm: string | null
  reason: string
}

// Words of a clause that only imagines or asks count half: "it would be great if…",
// "does it support SSO?".
const HYPOTHETICAL = new Set([
  'would',
  'could',
  "it'd",
  'if',
  'wish',
  'wäre',
  'würde',
  'könnte',
  'wenn',
  'falls',
  'serait',
  'pourrait',
  'si',
  'sería',
  'podría',
  'ojalá',
])
// A feeling needs this much weight; one weak word (often a mistranslation in the lists) is not enough.
const THRESHOLD = 2
// A negator reaches this many words ahead, within its clause ("not at all good").
const NEGATION_REACH = 3
// Phrases that turn praise words into their opposite: the commonest written sarcasm.
const SARCASM = [
  /\bthanks for nothing\b/,
  /\byeah,? right\b/,
  /\blove that for me\b/,
  /\boh (great|fantastic|wonderful|perfect)\b/,
  /^(great|fantastic|perfect|wonderful|wow)\b.*\b(again|another|lost|outage|broke|up \d+%)/,
  /(^|\s)\/s\b/,
  /🙄/u,
  /\bdanke für nichts\b/,
  /\bna toll\b/,
  /\bmerci pour rien\b/,
  /\bgracias por nada\b/,
]

/**
 * The feeling of a message from its words and emoji: AFINN-165 valences (translated lists
 * for de/fr/es, English as fallback for mixed messages), a negator flipping the next few
 * words of its clause, a clause after "but" counting 1.5×. Praise words beside a sarcasm
 * marker count against. Mixed strong feelings are "unsure" rather than a guess.
 */
export function scoreSentiment(text: string, language: Language): SentimentReading {
  const positive: string[] = []
  const negative: string[] = []
  let score = 0
  let positiveSum = 0
  let negativeSum = 0
  const negators = NEGATORS[language]
  const lowered = text.toLowerCase()
  const sarcasm = SARCASM.map((pattern) => lowered.match(pattern)?.[0]).find(Boolean) ?? null
  for (const clause of clausesOf(text)) {
    let negatedFor = 0
    const weight =
      (clause.contrasted ? 1.5 : 1) *
      (clause.asked || clause.tokens.some((t) => HYPOTHETICAL.has(t)) ? 0.5 : 1)
    for (const token of clause.tokens) {
      if (negators.has(token) || NEGATORS.en.has(token) || /^n'/.test(token)) {
        negatedFor = NEGATION_REACH
        continue
      }
      // Only English messages fall back on nothing: the other lists already hold the emoji, and
      // an English reading of a German word ("die") is wrong more often than right.
      const valence = VALENCE[language].get(token)
      const negated = negatedFor > 0
      negatedFor = Math.max(0, negatedFor - 1)
      if (valence === undefined || valence === 0) continue
      // Denied praise is weaker than blame ("not great"); denied blame is praise ("not bad").
      const denied = valence > 0 ? -valence * 0.75 : -valence
      let value = (negated ? denied : valence) * weight
      if (sarcasm && value > 0) value = -value
      const word = negated ? `not "${token}"` : `"${token}"`
      if (value > 0) {
        positive.push(word)
        positiveSum += value
      } else {
        negative.push(word)
        negativeSum -= value
      }
      score += value
    }
  }
  if (sarcasm) {
    negative.push(`"${sarcasm}"`)
    negativeSum += 2
    score -= 2
  }
  const sarcasmNote = sarcasm ? ` ("${sarcasm}" reads as sarcasm)` : ''
  const mixed =
    positiveSum >= 2 &&
    negativeSum >= 2 &&
    Math.max(positiveSum, negativeSum) / Math.min(positiveSum, negativeSum) < 1.5
  if (mixed)
    return {
      sentiment: 'unsure',
      score,
      positive,
      negative,
      sarcasm,
      reason: `unsure: as much for (${positive.join(', ')}) as against (${negative.join(', ')})`,
    }
  if (score >= THRESHOLD)
    return {
      sentiment: 'positive',
      score,
      positive,
      negative,
      sarcasm,
      reason: `positive: ${positive.join(', ')}`,
    }
  if (score <= -THRESHOLD)
    return {
      sentiment: 'negative',
      score,
      positive,
      negative,
      sarcasm,
      reason: `negative: ${negative.join(', ')}${sarcasmNote}`,
    }
  return {
    sentiment: 'neutral',
    score,
    positive,
    negative,
    sarcasm,
    reason:
      positive.length + negative.length
        ? `neutral: too little feeling to tell (${[...positive, ...negative].join(', ')})`
        : 'neutral: no words of feeling',
  }
}
