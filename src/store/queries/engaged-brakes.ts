import { sql } from 'drizzle-orm'
import type { EngagedBrake } from '../../core/brake/brake-applies.ts'
import type { Executor } from '../executor.ts'

/** Every engaged brake (a handful at most): one read serves a whole batch of deliveries. */
export async function engagedBrakes(executor: Executor): Promise<EngagedBrake[]> {
  const { rows } = await executor.execute<EngagedBrake>(sql`
    select id, scope, workspace_id as "workspaceId", account_id as "accountId", reason
    from brakes where released_at is null`)
  return rows
}
