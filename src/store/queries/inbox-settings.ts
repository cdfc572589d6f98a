import { eq } from 'drizzle-orm'
import type { BusinessHours } from '../../core/inbox/business-time.ts'
import type { Executor } from '../executor.ts'
import { inboxSettings } from '../schema/index.ts'

export type InboxSettings = {
  businessHours: BusinessHours
  firstResponseTargetMinutes: number
  feedbackSlug: string | null
  feedbackEnabled: boolean
}

/** A workspace without settings yet: always open, a four-hour first-response target, no feedback link. */
export const DEFAULT_INBOX_SETTINGS: InboxSettings = {
  businessHours: { timeZone: 'UTC', windows: [] },
  firstResponseTargetMinutes: 240,
  feedbackSlug: null,
  feedbackEnabled: false,
}

export async function loadInboxSettings(
  executor: Executor,
  workspaceId: string,
): Promise<InboxSettings> {
  const [row] = await executor
    .select()
    .from(inboxSettings)
    .where(eq(inboxSettings.workspaceId, workspaceId))
  if (!row) return DEFAULT_INBOX_SETTINGS
  return {
    businessHours: row.businessHours,
    firstResponseTargetMinutes: row.firstResponseTargetMinutes,
    feedbackSlug: row.feedbackSlug,
    feedbackEnabled: row.feedbackEnabled,
  }
}
