import { and, desc, eq } from 'drizzle-orm'
import type { Db } from '../connect.ts'
import { apiTokens } from '../schema/index.ts'

/** A person's tokens, newest first; only one workspace's when asked through a token of it. */
export async function listApiTokens(db: Db, input: { userId: string; workspaceId?: string }) {
  return db
    .select()
    .from(apiTokens)
    .where(
      and(
        eq(apiTokens.userId, input.userId),
        input.workspaceId ? eq(apiTokens.workspaceId, input.workspaceId) : undefined,
      ),
    )
    .orderBy(desc(apiTokens.createdAt))
}
