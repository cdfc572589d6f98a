import { asc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { memberships, users } from '../schema/index.ts'

export async function listMembers(db: Db, workspaceId: string) {
  return db
    .select({
      userId: memberships.userId,
      email: users.email,
      name: users.name,
      role: memberships.role,
      since: memberships.createdAt,
    })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.workspaceId, workspaceId))
    .orderBy(asc(memberships.createdAt))
}
