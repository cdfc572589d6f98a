import { and, eq } from 'drizzle-orm'
import type { BrakeStanding } from '../../core/brake/brake-rules.ts'
import type { Db } from '../connect.ts'
import { memberships } from '../schema/index.ts'

/** The caller's role in the brake's workspace (none for the instance scope) and instance powers. */
export async function brakeStanding(
  db: Db,
  caller: { userId: string; instanceAdmin: boolean },
  workspaceId: string | null,
): Promise<BrakeStanding> {
  if (!workspaceId) return { role: null, instanceAdmin: caller.instanceAdmin }
  const [membership] = await db
    .select({ role: memberships.role })
    .from(memberships)
    .where(and(eq(memberships.userId, caller.userId), eq(memberships.workspaceId, workspaceId)))
  return { role: membership?.role ?? null, instanceAdmin: caller.instanceAdmin }
}
