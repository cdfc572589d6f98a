import { asc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { memberships, workspaces } from '../schema/index.ts'

export async function listWorkspacesForUser(db: Db, userId: string) {
  return db
    .select({ workspace: workspaces, role: memberships.role })
    .from(memberships)
    .innerJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(eq(memberships.userId, userId))
    .orderBy(asc(workspaces.createdAt))
}
