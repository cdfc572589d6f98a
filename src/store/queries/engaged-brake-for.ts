import { isNull } from 'drizzle-orm'
import { brakeFor, type EngagedBrake } from '../../core/brake/brake-applies.ts'
import type { Executor } from '../executor.ts'
import { brakes } from '../schema/index.ts'

/** The engaged brake that holds an account's deliveries, if any (the widest one). */
export async function engagedBrakeFor(
  executor: Executor,
  target: { workspaceId: string; accountId: string },
): Promise<EngagedBrake | null> {
  const engaged = await executor.select().from(brakes).where(isNull(brakes.releasedAt))
  return brakeFor(engaged, target)
}
