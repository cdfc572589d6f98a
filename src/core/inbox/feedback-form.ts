import { InvalidInputError } from '../errors.ts'
import { plainText } from './plain-text.ts'

/** What the public feedback form takes; the route's body limit sits above the longest form. */
export const FEEDBACK_LIMITS = { message: 5_000, name: 100, contact: 200 } as const

/**
 * A person may send this many messages through one workspace's form in the window; more is
 * a 429 saying when to try again. Enough for a follow-up or two, too few to flood the inbox.
 */
export const FEEDBACK_RATE = { messages: 5, windowMs: 10 * 60_000 } as const

export type FeedbackFields = { message?: unknown; name?: unknown; contact?: unknown }
export type Feedback = { message: string; name: string | null; contact: string | null }

/** The form's fields as stored: trimmed plain text within the limits, every problem named at once. */
export function readFeedback(fields: FeedbackFields): Feedback {
  const problems: Record<string, string> = {}
  const read = (key: keyof typeof FEEDBACK_LIMITS, required: boolean): string | null => {
    const raw = fields[key]
    const value = typeof raw === 'string' ? clean(raw) : ''
    if (raw !== undefined && raw !== null && typeof raw !== 'string') problems[key] = 'must be text'
    else if (required && !value) problems[key] = 'write a message'
    else if ([...value].length > FEEDBACK_LIMITS[key])
      problems[key] = `at most ${FEEDBACK_LIMITS[key].toLocaleString('en')} characters`
    return value || null
  }
  const message = read('message', true)
  const name = read('name', false)
  const contact = read('contact', false)
  if (Object.keys(problems).length || !message)
    throw new InvalidInputError('The message could not be sent: check the fields named', problems)
  return { message, name, contact }
}

// Unpaired surrogates cannot be stored; a person never types one, so dropping them loses nothing.
const UNPAIRED = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

function clean(value: string): string {
  return plainText(value.replace(UNPAIRED, '').replace(/\r\n?/g, '\n')).trim()
}
