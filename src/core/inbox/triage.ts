import { classifyKind, type Kind } from './classify-kind.ts'
import { detectLanguage } from './detect-language.ts'
import { FEEDBACK } from './kind-signals.ts'
import type { Language } from './lexicon.ts'
import { type Sentiment, scoreSentiment } from './score-sentiment.ts'

export type Triage = { kind: Kind; sentiment: Sentiment; reasons: string[]; language: Language }

// Beyond this, more text changes no verdict; it only costs time (a 1 MB message would).
const READ_AT_MOST = 4_000

/** A message's kind and sentiment, each with the words or signals that decided it. */
export function triage(text: string): Triage {
  const read = text.slice(0, READ_AT_MOST)
  const language = detectLanguage(read)
  // A suggestion's own words ("it would be great if") are no feeling about us.
  const sentiment = scoreSentiment(read.replace(new RegExp(FEEDBACK, 'gi'), ' '), language)
  const kind = classifyKind(read, sentiment)
  if (kind.kind === 'spam')
    return {
      kind: kind.kind,
      sentiment: 'neutral',
      reasons: [kind.reason, 'neutral: spam, its feeling is not counted'],
      language,
    }
  // Complaint phrases carry the feeling the word lists miss ("it's not working").
  if (kind.kind === 'complaint' && sentiment.sentiment === 'neutral')
    return {
      kind: kind.kind,
      sentiment: 'negative',
      reasons: [kind.reason, `negative: ${kind.reason.replace(/^complaint: /, '')}`],
      language,
    }
  return {
    kind: kind.kind,
    sentiment: sentiment.sentiment,
    reasons: [kind.reason, sentiment.reason],
    language,
  }
}
