import {
  COMPLAINT,
  FEEDBACK,
  PRAISE,
  QUESTION_OPENERS,
  SPAM_PROMOTION,
  SPAM_STRONG,
  URL,
} from './kind-signals.ts'
import type { SentimentReading } from './score-sentiment.ts'

export const KINDS = [
  'question',
  'complaint',
  'praise',
  'feedback',
  'spam',
  'other',
  'unsure',
] as const
export type Kind = (typeof KINDS)[number]

export type KindReading = { kind: Kind; reason: string }

/**
 * What a message is, from signals in its words, with the sentiment as a tiebreaker:
 * spam first (promotion words, a link with them, hashtag or mention floods), then a
 * suggestion, then a complaint (its words, or a negative feeling), then a question, then
 * praise. When the only sign is a feeling Sous is unsure of, it says "unsure".
 */
export function classifyKind(text: string, sentiment: SentimentReading): KindReading {
  const lowered = text.toLowerCase().replace(/’/g, "'")
  const strong = SPAM_STRONG.flatMap((pattern) => [...lowered.matchAll(pattern)].map((m) => m[0]))
  const promotion = SPAM_PROMOTION.flatMap((pattern) =>
    [...lowered.matchAll(pattern)].map((m) => m[0]),
  )
  const spamWords = [...new Set([...strong, ...promotion])]
  const hashtags = lowered.match(/#\w+/g)?.length ?? 0
  const mentions = lowered.match(/@\w+/g)?.length ?? 0
  const link = URL.test(lowered)
  const spamScore =
    new Set(strong).size * 2 +
    new Set(promotion).size +
    (link && spamWords.length ? 1 : 0) +
    (hashtags >= 5 ? 2 : 0) +
    (mentions >= 5 && link ? 2 : 0)
  if (spamScore >= 2) {
    const signs = [
      ...spamWords.map((w) => `"${w}"`),
      ...(link ? ['a link'] : []),
      ...(hashtags >= 5 ? [`${hashtags} hashtags`] : []),
      ...(mentions >= 5 ? [`${mentions} mentions`] : []),
    ]
    return { kind: 'spam', reason: `spam: ${signs.join(', ')}` }
  }
  const suggestion = lowered.match(FEEDBACK)?.[0]
  if (suggestion) return { kind: 'feedback', reason: `feedback: "${suggestion}"` }
  const complaint = lowered.match(COMPLAINT)?.[0]
  const asks =
    lowered.includes('?') || lowered.includes('¿') || QUESTION_OPENERS.test(lowered.trim())
  const opener = lowered.trim().match(QUESTION_OPENERS)?.[1]
  const askedHow = opener ? `"${opener}"` : 'a question mark'
  if (complaint && (sentiment.sentiment !== 'positive' || sentiment.sarcasm))
    return { kind: 'complaint', reason: `complaint: "${complaint}"` }
  if (sentiment.sentiment === 'negative' && (sentiment.sarcasm || !asks || sentiment.score <= -3))
    return { kind: 'complaint', reason: `complaint: ${sentiment.reason}` }
  if (asks) return { kind: 'question', reason: `question: ${askedHow}` }
  const praise = lowered.match(PRAISE)?.[0]
  if (sentiment.sentiment === 'positive')
    return { kind: 'praise', reason: `praise: ${praise ? `"${praise}"` : sentiment.reason}` }
  if (sentiment.sentiment === 'unsure')
    return { kind: 'unsure', reason: 'unsure: praise or complaint, the words point both ways' }
  if (complaint) return { kind: 'complaint', reason: `complaint: "${complaint}"` }
  return {
    kind: 'other',
    reason: 'other: no sign of a question, complaint, praise, suggestion or spam',
  }
}
