import type { InboxItem } from './inbox-queries.ts'

/** The words the inbox uses for what the API returns, in one place. */
export const STATUS_LABELS: Record<InboxItem['status'], string> = {
  open: 'Open',
  waiting: 'Waiting on them',
  done: 'Done',
  snoozed: 'Snoozed',
}

export const KIND_LABELS: Record<string, string> = {
  question: 'Question',
  complaint: 'Complaint',
  praise: 'Praise',
  feedback: 'Feedback',
  spam: 'Spam',
  other: 'Other',
  unsure: 'Unsure',
}

export const KIND_COLOURS: Record<string, string> = {
  question: 'blue',
  complaint: 'orange',
  praise: 'teal',
  feedback: 'grape',
  spam: 'gray',
}

export const SENTIMENT_LABELS: Record<string, string> = {
  positive: 'Positive',
  neutral: 'Neutral',
  negative: 'Negative',
  unsure: 'Unsure',
}

export const SENTIMENT_COLOURS: Record<string, string> = {
  positive: 'teal',
  negative: 'red',
}

const EVENT_LABELS: Record<string, string> = {
  mention: 'mentioned us',
  reply: 'replied',
  quote: 'quoted us',
  dm: 'wrote privately',
  feedback: 'wrote through the feedback form',
  post: 'posted (saved search)',
}

export const label = (labels: Record<string, string>, value: string) =>
  labels[value] ?? value.charAt(0).toUpperCase() + value.slice(1)

/** Who said it, as one line: the profile's name and handle, or what the form's sender gave. */
export function whoSaidIt(item: InboxItem): string {
  if (item.author) {
    const name = item.author.displayName.trim()
    return name ? `${name} (@${item.author.handle})` : `@${item.author.handle}`
  }
  if (item.sender) return item.sender.name ?? item.sender.contact ?? 'Someone, without a name'
  return 'Someone'
}

export function whatHappened(item: InboxItem): string {
  const how = EVENT_LABELS[item.eventKind] ?? item.eventKind
  return item.account ? `${how} · to @${item.account.handle}` : how
}

/** A business-time wait in words: `12 min`, `3 h 5 min`, `2 d 4 h`. */
export function formatWait(ms: number): string {
  const minutes = Math.max(0, Math.round(ms / 60_000))
  if (minutes < 60) return `${minutes} min`
  const hours = Math.floor(minutes / 60)
  if (hours < 24) return minutes % 60 ? `${hours} h ${minutes % 60} min` : `${hours} h`
  const days = Math.floor(hours / 24)
  return hours % 24 ? `${days} d ${hours % 24} h` : `${days} d`
}
