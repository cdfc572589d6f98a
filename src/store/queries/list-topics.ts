import { asc, eq } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { curateTopics } from '../schema/index.ts'

export async function listTopics(executor: Executor, workspaceId: string) {
  return executor
    .select({ term: curateTopics.term, weight: curateTopics.weight })
    .from(curateTopics)
    .where(eq(curateTopics.workspaceId, workspaceId))
    .orderBy(asc(curateTopics.term))
}
