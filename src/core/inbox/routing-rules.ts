import type { Kind } from './classify-kind.ts'
import type { Sentiment } from './score-sentiment.ts'

export const PRIORITIES = ['normal', 'high'] as const
export type Priority = (typeof PRIORITIES)[number]
export const SOURCES = ['network', 'feedback-form', 'listening'] as const
export type Source = (typeof SOURCES)[number]

/** Every condition given must hold; a list holds when any of its values does. */
export type RuleConditions = {
  accountIds?: string[]
  networks?: string[]
  kinds?: Kind[]
  sentiments?: Sentiment[]
  /** Any of these words or phrases, case-insensitive, on word boundaries. */
  words?: string[]
  personIds?: string[]
  /** Whether the author follows the account the message came to. */
  follower?: boolean
  sources?: Source[]
}

export type RuleActions = {
  assigneeId?: string | null
  tags?: string[]
  priority?: Priority
  spam?: boolean
}

export type RoutingRule = {
  id: string
  name: string
  conditions: RuleConditions
  actions: RuleActions
}

export type RoutingFacts = {
  accountId: string | null
  network: string | null
  kind: Kind
  sentiment: Sentiment
  text: string
  personId: string | null
  follower: boolean
  source: Source
}

export type Routing = {
  rule: { id: string; name: string } | null
  assigneeId: string | null
  tags: string[]
  priority: Priority
  spam: boolean
}

export const UNROUTED: Routing = {
  rule: null,
  assigneeId: null,
  tags: [],
  priority: 'normal',
  spam: false,
}

/** Rules are tried in order; the first whose conditions all hold places the item. */
export function routeItem(rules: readonly RoutingRule[], facts: RoutingFacts): Routing {
  const rule = rules.find((r) => matches(r.conditions, facts))
  if (!rule) return UNROUTED
  return {
    rule: { id: rule.id, name: rule.name },
    assigneeId: rule.actions.assigneeId ?? null,
    tags: [...new Set(rule.actions.tags ?? [])],
    priority: rule.actions.priority ?? 'normal',
    spam: rule.actions.spam ?? false,
  }
}

export function matches(conditions: RuleConditions, facts: RoutingFacts): boolean {
  const among = <T>(values: readonly T[] | undefined, value: T) =>
    !values?.length || values.includes(value)
  return (
    among(conditions.accountIds, facts.accountId ?? '') &&
    among(conditions.networks, facts.network ?? '') &&
    among(conditions.kinds, facts.kind) &&
    among(conditions.sentiments, facts.sentiment) &&
    among(conditions.personIds, facts.personId ?? '') &&
    among(conditions.sources, facts.source) &&
    (conditions.follower === undefined || conditions.follower === facts.follower) &&
    (!conditions.words?.length || conditions.words.some((word) => containsWord(facts.text, word)))
  )
}

function containsWord(text: string, word: string): boolean {
  const needle = word.trim().toLowerCase()
  if (!needle) return false
  const haystack = text.toLowerCase()
  let at = haystack.indexOf(needle)
  while (at >= 0) {
    const before = haystack[at - 1] ?? ' '
    const after = haystack[at + needle.length] ?? ' '
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return true
    at = haystack.indexOf(needle, at + 1)
  }
  return false
}
