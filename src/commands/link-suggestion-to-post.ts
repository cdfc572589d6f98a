import { and, eq } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import type { Tx } from '../store/executor.ts'
import { suggestions } from '../store/schema/index.ts'
import { decideSuggestion } from './decide-suggestion.ts'

/**
 * Inside schedule-post's transaction: the post a person wrote from a suggestion links to
 * it, and the suggestion counts as shared by them if they had not shared it yet. Refused
 * (422) for a suggestion not in the workspace, so provenance "suggestion" always names one.
 */
export async function linkSuggestionToPost(
  tx: Tx,
  input: { workspaceId: string; suggestionId: string; postId: string; userId: string; now: Date },
): Promise<void> {
  const where = and(
    eq(suggestions.id, input.suggestionId),
    eq(suggestions.workspaceId, input.workspaceId),
  )
  const [found] = await tx.select({ state: suggestions.state }).from(suggestions).where(where)
  if (!found) {
    throw new InvalidInputError('That suggestion is not in this workspace', {
      suggestionId: 'not found in this workspace',
    })
  }
  if (found.state !== 'shared') await decideSuggestion(tx, { ...input, decision: 'shared' })
  await tx.update(suggestions).set({ postId: input.postId }).where(where)
}
