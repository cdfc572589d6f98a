import { matchTopics, type Topic, words } from '../curate/topics.ts'

/** How a message is put: what "compare message approaches" groups by. */
export const APPROACHES = [
  'question',
  'tip',
  'story',
  'offer',
  'link_share',
  'announcement',
  'behind_the_scenes',
  'other',
] as const
export type Approach = (typeof APPROACHES)[number]

export const MAX_POST_TOPICS = 10
export const MAX_TOPIC_LENGTH = 60

/** One spelling per topic: trimmed, spaces squeezed, lower-cased, a leading # dropped; order kept. */
export function normalizePostTopics(topics: readonly string[]): string[] {
  const seen = new Set<string>()
  for (const topic of topics) {
    const clean = topic.replace(/^#/, '').replace(/\s+/g, ' ').trim().toLowerCase()
    if (clean && words(clean).length > 0) seen.add(clean)
  }
  return [...seen]
}

export type LabelSuggestion = {
  topics: Array<{ topic: string; reason: string }>
  approach: { approach: Approach; reason: string } | null
}

const URL = /\bhttps?:\/\/\S+/i
const OFFER =
  /(\d+\s?%\s?off|\bdiscount\b|\bcoupon\b|\bpromo\b|\bcode\s+[A-Z0-9]{3,}|\bsale\b|\bfree shipping\b)/i
const TIP = /^(tip|pro tip|how to|quick tip|hint)\b|\b(here'?s how|try this|tip:)/i
const ANNOUNCE =
  /\b(announc\w*|launch\w*|introducing|now available|released?|we'?re (excited|happy|proud))\b/i
const BEHIND = /\b(behind the scenes|our team|in the (kitchen|office|studio)|a day (at|in))\b/i
const STORY =
  /\b(when i|when we|yesterday|last (week|year|month)|once|years ago|i remember|we learned)\b/i

/**
 * Labels suggested from a post's text, each with the words that decided: the workspace's
 * topics it mentions and topics already used on posts, and an approach from its wording.
 * Only a suggestion: a person sets labels, and none is required.
 */
export function suggestLabels(
  text: string,
  known: { workspaceTopics: readonly Topic[]; usedTopics: readonly string[] },
): LabelSuggestion {
  const candidates: Topic[] = [
    ...known.workspaceTopics.filter((t) => t.weight > 0),
    ...known.usedTopics.map((term) => ({ term, weight: 1 })),
  ]
  const hashtags = [...text.matchAll(/(?:^|\s)#([\p{L}\p{N}_]+)/gu)].map((m) => m[1] ?? '')
  const found = new Map<string, string>()
  for (const tag of normalizePostTopics(hashtags)) found.set(tag, `hashtag #${tag}`)
  for (const match of matchTopics(candidates, { title: text })) {
    if (!found.has(match.term)) found.set(match.term, `mentions “${match.term}”`)
  }
  return {
    topics: [...found].slice(0, MAX_POST_TOPICS).map(([topic, reason]) => ({ topic, reason })),
    approach: suggestApproach(text),
  }
}

function suggestApproach(text: string): LabelSuggestion['approach'] {
  const trimmed = text.trim()
  if (!trimmed) return null
  const withoutUrls = trimmed.replace(URL, '').trim()
  const rules: Array<[RegExp | ((s: string) => boolean), Approach, string]> = [
    [OFFER, 'offer', 'names a price, discount or code'],
    [/\?\s*$|\?\s+\S{0,40}$/u, 'question', 'asks a question'],
    [TIP, 'tip', 'gives a tip or a how-to'],
    [ANNOUNCE, 'announcement', 'announces something new'],
    [BEHIND, 'behind_the_scenes', 'shows the team or the work behind it'],
    [STORY, 'story', 'tells what happened'],
    [
      (s) => URL.test(s) && words(withoutUrls).length <= 25,
      'link_share',
      'a link with a few words',
    ],
  ]
  for (const [test, approach, reason] of rules) {
    const hit = typeof test === 'function' ? test(trimmed) : test.exec(trimmed)
    if (!hit) continue
    const said = typeof hit === 'object' && hit ? `: “${hit[0].trim()}”` : ''
    return { approach, reason: `${reason}${said}` }
  }
  return null
}
