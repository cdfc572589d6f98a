import { eq, sql } from 'drizzle-orm'
import type { Topic } from '../../core/curate/topics.ts'
import type { Db } from '../connect.ts'
import { curateTopics } from '../schema/index.ts'

/** What label suggestions draw on: the workspace's curation topics and the topics its posts already use. */
export async function labelVocabulary(
  db: Db,
  workspaceId: string,
): Promise<{ workspaceTopics: Topic[]; usedTopics: string[] }> {
  const [workspaceTopics, used] = await Promise.all([
    db
      .select({ term: curateTopics.term, weight: curateTopics.weight })
      .from(curateTopics)
      .where(eq(curateTopics.workspaceId, workspaceId)),
    db.execute<{ topic: string }>(sql`
      select distinct unnest(topics) as topic from post_labels where workspace_id = ${workspaceId}
      limit 500`),
  ])
  return { workspaceTopics, usedTopics: used.rows.map((r) => r.topic) }
}
