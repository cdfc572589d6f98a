import { z } from '@hono/zod-openapi'
import { KINDS } from '../../core/inbox/classify-kind.ts'
import { PRIORITIES, type RoutingRule, SOURCES } from '../../core/inbox/routing-rules.ts'
import { SENTIMENTS } from '../../core/inbox/score-sentiment.ts'

export const RuleConditionsSchema = z.strictObject({
  accountIds: z.array(z.uuid()).max(200).optional(),
  networks: z.array(z.string().max(40)).max(20).optional(),
  kinds: z.array(z.enum(KINDS)).optional(),
  sentiments: z.array(z.enum(SENTIMENTS)).optional(),
  words: z.array(z.string().min(1).max(100)).max(100).optional(),
  personIds: z.array(z.uuid()).max(200).optional(),
  follower: z.boolean().optional(),
  sources: z.array(z.enum(SOURCES)).optional(),
})

export const RuleActionsSchema = z.strictObject({
  assigneeId: z.uuid().nullable().optional(),
  tags: z.array(z.string().min(1).max(50)).max(20).optional(),
  priority: z.enum(PRIORITIES).optional(),
  spam: z.boolean().optional(),
})

export const RoutingRuleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    conditions: RuleConditionsSchema,
    actions: RuleActionsSchema,
  })
  .openapi('RoutingRule')

export const RoutingRulesSchema = z
  .object({ items: z.array(RoutingRuleSchema) })
  .openapi('RoutingRules')

export const RoutingTrialSchema = z
  .object({
    kind: z.enum(KINDS),
    sentiment: z.enum(SENTIMENTS),
    reasons: z.array(z.string()),
    language: z.string(),
    rule: z.object({ id: z.uuid(), name: z.string() }).nullable(),
    assigneeId: z.uuid().nullable(),
    tags: z.array(z.string()),
    priority: z.enum(PRIORITIES),
    spam: z.boolean(),
  })
  .openapi('RoutingTrial')

export function presentRules(rules: RoutingRule[]) {
  return {
    items: rules.map((r) => ({
      id: r.id,
      name: r.name,
      conditions: r.conditions,
      actions: r.actions,
    })),
  }
}
