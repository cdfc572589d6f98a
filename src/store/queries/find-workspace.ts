import { eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { workspaces } from '../schema/index.ts'

export async function findWorkspace(db: Db, workspaceId: string) {
  const [workspace] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId))
  return workspace
}
