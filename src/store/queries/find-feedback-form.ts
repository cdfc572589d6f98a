import { and, eq } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { inboxSettings, workspaces } from '../schema/index.ts'

export type FeedbackForm = { workspaceId: string; workspaceName: string; slug: string }

/** The workspace behind a public feedback link, when its form is turned on; null otherwise. */
export async function findFeedbackForm(
  executor: Executor,
  slug: string,
): Promise<FeedbackForm | null> {
  const [row] = await executor
    .select({ workspaceId: workspaces.id, workspaceName: workspaces.name })
    .from(inboxSettings)
    .innerJoin(workspaces, eq(workspaces.id, inboxSettings.workspaceId))
    .where(and(eq(inboxSettings.feedbackSlug, slug), eq(inboxSettings.feedbackEnabled, true)))
  return row ? { ...row, slug } : null
}
