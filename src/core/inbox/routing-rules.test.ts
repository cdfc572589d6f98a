import { describe, expect, it } from 'vitest'
import { type RoutingFacts, type RoutingRule, routeItem } from './routing-rules.ts'

const facts: RoutingFacts = {
  accountId: 'acme',
  network: 'bluesky',
  kind: 'complaint',
  sentiment: 'negative',
  text: 'My order never arrived',
  personId: 'p1',
  follower: false,
  source: 'network',
}
const rule = (
  id: string,
  conditions: RoutingRule['conditions'],
  actions: RoutingRule['actions'],
) => ({
  id,
  name: `rule ${id}`,
  conditions,
  actions,
})

describe('routing rules', () => {
  it('"complaints on @acme go to Dana, high priority": the first matching rule places the item', () => {
    const rules = [
      rule('praise', { kinds: ['praise'] }, { tags: ['kudos'] }),
      rule(
        'acme-complaints',
        { accountIds: ['acme'], kinds: ['complaint'] },
        { assigneeId: 'dana', priority: 'high', tags: ['care'] },
      ),
      rule('catch-all', {}, { assigneeId: 'sam' }),
    ]
    expect(routeItem(rules, facts)).toEqual({
      rule: { id: 'acme-complaints', name: 'rule acme-complaints' },
      assigneeId: 'dana',
      tags: ['care'],
      priority: 'high',
      spam: false,
    })
    expect(routeItem(rules, { ...facts, kind: 'question' }).assigneeId).toBe('sam')
  })

  it('matches words on word boundaries, case-insensitively, and the follower flag', () => {
    const rules = [rule('refunds', { words: ['Refund', 'money back'] }, { tags: ['billing'] })]
    expect(routeItem(rules, { ...facts, text: 'I want my MONEY BACK!' }).tags).toEqual(['billing'])
    expect(routeItem(rules, { ...facts, text: 'refunded already, thanks' }).rule).toBeNull()
    const followers = [rule('f', { follower: true }, { priority: 'high' })]
    expect(routeItem(followers, facts).rule).toBeNull()
    expect(routeItem(followers, { ...facts, follower: true }).priority).toBe('high')
  })

  it('leaves an item unrouted when no rule matches, and can mark spam', () => {
    expect(routeItem([], facts)).toMatchObject({ rule: null, assigneeId: null, spam: false })
    expect(routeItem([rule('s', { networks: ['bluesky'] }, { spam: true })], facts).spam).toBe(true)
  })
})
