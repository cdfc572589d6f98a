import type { Approach } from '../../core/measure/labels.ts'

const WORDS: Record<Approach, string> = {
  question: 'Question',
  tip: 'Tip',
  story: 'Story',
  offer: 'Offer',
  link_share: 'Link share',
  announcement: 'Announcement',
  behind_the_scenes: 'Behind the scenes',
  other: 'Other',
}

/** "link_share" → "Link share": an approach as a person reads it. */
export function approachWords(approach: string): string {
  return WORDS[approach as Approach] ?? approach
}

/** A Measure group's name as the page shows it: an approach in words, anything else as labelled. */
export function groupWords(by: string, group: { key: string; label: string }): string {
  return by === 'approach' && group.key ? approachWords(group.key) : group.label
}
