import { and, desc, eq, inArray, isNull, or } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { brakes, memberships } from '../schema/index.ts'

const WIDEST_FIRST = { instance: 0, workspace: 1, account: 2 }

/** Engaged brakes that hold the person's workspaces (only `onlyWorkspaceId` for a token), widest first. */
export async function listEngagedBrakes(
  db: Db,
  input: { userId: string; onlyWorkspaceId?: string },
) {
  const mine = db
    .select({ id: memberships.workspaceId })
    .from(memberships)
    .where(
      and(
        eq(memberships.userId, input.userId),
        input.onlyWorkspaceId ? eq(memberships.workspaceId, input.onlyWorkspaceId) : undefined,
      ),
    )
  const rows = await db
    .select()
    .from(brakes)
    .where(
      and(
        isNull(brakes.releasedAt),
        or(eq(brakes.scope, 'instance'), inArray(brakes.workspaceId, mine)),
      ),
    )
    .orderBy(desc(brakes.engagedAt))
  return rows.sort((a, b) => WIDEST_FIRST[a.scope] - WIDEST_FIRST[b.scope])
}
