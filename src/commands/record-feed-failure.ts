import { eq } from 'drizzle-orm'
import {
  DEFAULT_POLL_POLICY,
  nextPollAfterFailure,
  type PollPolicy,
} from '../core/curate/poll-schedule.ts'
import type { FeedError } from '../networks/feeds/feed-error.ts'
import type { Db } from '../store/connect.ts'
import { feedSources } from '../store/schema/index.ts'

/**
 * A failed poll: the reason kept for the source's health, the next try backed off (never
 * before the server's Retry-After), and after days of failures the source marked failing
 * and tried daily. The source and its earlier items stay.
 */
export async function recordFeedFailure(
  db: Db,
  input: { sourceId: string; error: FeedError; now: Date; policy?: PollPolicy },
): Promise<{ failing: boolean; nextPollAt: Date } | null> {
  const { now } = input
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select({ failures: feedSources.failures, failingSince: feedSources.failingSince })
      .from(feedSources)
      .where(eq(feedSources.id, input.sourceId))
      .for('update')
    if (!source) return null
    const failures = source.failures + 1
    const failingSince = source.failingSince ?? now
    const next = nextPollAfterFailure(
      now,
      { failures, failingSince, retryAfterMs: input.error.retryAfterMs },
      input.policy ?? DEFAULT_POLL_POLICY,
    )
    await tx
      .update(feedSources)
      .set({
        failures,
        failingSince,
        failing: next.failing,
        lastError: input.error.reason,
        lastErrorAt: now,
        lastPolledAt: now,
        nextPollAt: next.at,
        pollingUntil: null,
      })
      .where(eq(feedSources.id, input.sourceId))
    return { failing: next.failing, nextPollAt: next.at }
  })
}
