import { asc, eq, sql } from 'drizzle-orm'
import type { Role } from '../../core/access/roles.ts'
import { batchCalls } from '../batch-calls.ts'
import type { Db } from '../connect.ts'
import { memberships, users, workspaces } from '../schema/index.ts'

export type UserWithWorkspaces = {
  user: { id: string; email: string; name: string; createdAt: Date }
  /** Oldest workspace first. */
  workspaces: Array<{ workspace: { id: string; name: string; createdAt: Date }; role: Role }>
}

const lookups = new WeakMap<Db, (userId: string) => Promise<UserWithWorkspaces | undefined>>()

/**
 * A person and every workspace they belong to, in one prepared statement; callers asking at
 * the same time share it (GET /me: two statements a request became a fraction of one, bench/api.ts).
 */
export function findUserWithWorkspaces(
  db: Db,
  userId: string,
): Promise<UserWithWorkspaces | undefined> {
  let lookup = lookups.get(db)
  if (!lookup) {
    lookup = batchCalls(prepare(db))
    lookups.set(db, lookup)
  }
  return lookup(userId)
}

function prepare(db: Db) {
  const query = db
    .select({
      id: users.id,
      email: users.email,
      name: users.name,
      createdAt: users.createdAt,
      workspaceId: workspaces.id,
      workspaceName: workspaces.name,
      workspaceCreatedAt: workspaces.createdAt,
      role: memberships.role,
    })
    .from(users)
    .leftJoin(memberships, eq(memberships.userId, users.id))
    .leftJoin(workspaces, eq(workspaces.id, memberships.workspaceId))
    .where(sql`${users.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .orderBy(asc(workspaces.createdAt))
    .prepare('sous_users_with_workspaces')
  return async (ids: string[]) => {
    const found = new Map<string, UserWithWorkspaces>()
    for (const row of await query.execute({ ids })) {
      let entry = found.get(row.id)
      if (!entry) {
        const { id, email, name, createdAt } = row
        entry = { user: { id, email, name, createdAt }, workspaces: [] }
        found.set(row.id, entry)
      }
      if (row.workspaceId && row.workspaceName !== null && row.workspaceCreatedAt && row.role) {
        entry.workspaces.push({
          workspace: {
            id: row.workspaceId,
            name: row.workspaceName,
            createdAt: row.workspaceCreatedAt,
          },
          role: row.role,
        })
      }
    }
    return ids.map((id) => found.get(id))
  }
}
