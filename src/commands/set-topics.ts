import { eq } from 'drizzle-orm'
import { MAX_TOPICS, normalizeTopics, type Topic } from '../core/curate/topics.ts'
import { InvalidInputError } from '../core/errors.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { curateTopics } from '../store/schema/index.ts'

/** Replaces the workspace's topics, the words and phrases suggestions are ranked against. */
export async function setTopics(
  db: Db,
  input: { workspaceId: string; userId: string; topics: readonly Topic[]; ip?: string },
): Promise<Topic[]> {
  const topics = normalizeTopics(input.topics)
  if (topics.length > MAX_TOPICS) {
    throw new InvalidInputError(`At most ${MAX_TOPICS} topics`, { topics: 'too many' })
  }
  return db.transaction(async (tx) => {
    await tx.delete(curateTopics).where(eq(curateTopics.workspaceId, input.workspaceId))
    if (topics.length) {
      await tx
        .insert(curateTopics)
        .values(topics.map((t) => ({ workspaceId: input.workspaceId, ...t })))
    }
    await recordAudit(tx, {
      action: 'topics.changed',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      data: { topics: topics.length },
      ip: input.ip,
    })
    return topics
  })
}
