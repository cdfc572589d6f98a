import { and, eq } from 'drizzle-orm'
import { matchTopics } from '../core/curate/topics.ts'
import { NotFoundError } from '../core/errors.ts'
import type { Executor, Tx } from '../store/executor.ts'
import { curateTopics, type SUGGESTION_STATES, suggestions } from '../store/schema/index.ts'

export type Decision = Exclude<(typeof SUGGESTION_STATES)[number], 'new'>

/**
 * A person's decision on a suggestion (save for later, skip, share), with the topics it
 * matched then: later suggestions from the same source and on the same topics rank by
 * what people did with these. Inside the caller's transaction.
 */
export async function decideSuggestion(
  tx: Tx,
  input: {
    workspaceId: string
    suggestionId: string
    userId: string
    decision: Decision
    now: Date
  },
) {
  const [suggestion] = await tx
    .select()
    .from(suggestions)
    .where(inWorkspace(input.workspaceId, input.suggestionId))
    .for('update')
  if (!suggestion) throw new NotFoundError('That suggestion')
  const topics = await topicsOf(tx, input.workspaceId)
  const matched = matchTopics(topics, suggestion).map((m) => m.term)
  const [decided] = await tx
    .update(suggestions)
    .set({
      state: input.decision,
      decidedBy: input.userId,
      decidedAt: input.now,
      matchedTopics: matched,
    })
    .where(eq(suggestions.id, suggestion.id))
    .returning()
  if (!decided) throw new NotFoundError('That suggestion')
  return decided
}

const inWorkspace = (workspaceId: string, id: string) =>
  and(eq(suggestions.id, id), eq(suggestions.workspaceId, workspaceId))

async function topicsOf(executor: Executor, workspaceId: string) {
  return executor
    .select({ term: curateTopics.term, weight: curateTopics.weight })
    .from(curateTopics)
    .where(eq(curateTopics.workspaceId, workspaceId))
}
