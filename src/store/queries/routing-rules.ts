import { asc, eq } from 'drizzle-orm'
import type { RoutingRule } from '../../core/inbox/routing-rules.ts'
import type { Executor } from '../executor.ts'
import { routingRules } from '../schema/index.ts'

/** A workspace's routing rules in the order they are tried. */
export async function loadRoutingRules(
  executor: Executor,
  workspaceId: string,
): Promise<RoutingRule[]> {
  const rows = await executor
    .select()
    .from(routingRules)
    .where(eq(routingRules.workspaceId, workspaceId))
    .orderBy(asc(routingRules.position))
  return rows.map((r) => ({ id: r.id, name: r.name, conditions: r.conditions, actions: r.actions }))
}
