import { and, eq, inArray } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import type { RuleActions, RuleConditions } from '../core/inbox/routing-rules.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { memberships, routingRules } from '../store/schema/index.ts'

export type RuleInput = {
  id?: string
  name: string
  conditions: RuleConditions
  actions: RuleActions
}

/** Replaces a workspace's routing rules with this ordered list (rules keep their ids), audited. */
export async function replaceRoutingRules(
  database: Database,
  input: { workspaceId: string; userId: string; rules: RuleInput[]; ip?: string },
) {
  const { db } = database
  const assignees = [
    ...new Set(input.rules.flatMap((r) => (r.actions.assigneeId ? [r.actions.assigneeId] : []))),
  ]
  const members = assignees.length
    ? await db
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(
          and(
            eq(memberships.workspaceId, input.workspaceId),
            inArray(memberships.userId, assignees),
          ),
        )
    : []
  const fields: Record<string, string> = {}
  input.rules.forEach((rule, index) => {
    const assignee = rule.actions.assigneeId
    if (assignee && !members.some((m) => m.userId === assignee))
      fields[`rules.${index}.actions.assigneeId`] = 'not a member of this workspace'
  })
  if (Object.keys(fields).length) throw new InvalidInputError('Some rules cannot be saved', fields)
  return db.transaction(async (tx) => {
    await tx.delete(routingRules).where(eq(routingRules.workspaceId, input.workspaceId))
    const rows = input.rules.length
      ? await tx
          .insert(routingRules)
          .values(
            input.rules.map((rule, position) => ({
              ...(rule.id ? { id: rule.id } : {}),
              workspaceId: input.workspaceId,
              position,
              name: rule.name,
              conditions: rule.conditions,
              actions: rule.actions,
            })),
          )
          .returning()
      : []
    await recordAudit(tx, {
      action: 'routing_rules.replaced',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'workspace',
      targetId: input.workspaceId,
      data: { rules: rows.map((r) => ({ id: r.id, name: r.name })) },
      ip: input.ip,
    })
    return rows.sort((a, b) => a.position - b.position)
  })
}
