import { eq } from 'drizzle-orm'
import { recordFeedFailure } from '../commands/record-feed-failure.ts'
import { recordFeedPoll } from '../commands/record-feed-poll.ts'
import { releaseSources } from '../commands/release-sources.ts'
import { DEFAULT_POLL_POLICY, type PollPolicy } from '../core/curate/poll-schedule.ts'
import type { FeedReader } from '../networks/feeds/create-feed-reader.ts'
import { FeedError } from '../networks/feeds/feed-error.ts'
import { feedSources } from '../store/schema/index.ts'
import { defineJob } from '../queue/define-job.ts'
import { pollHostSpec } from '../queue/specs/poll-host-spec.ts'

/**
 * Polls one host's sources in turn: one request to a host at a time. A 429/503 with
 * Retry-After stops the batch: the rest of the host's sources wait as long as it asked.
 * Polling only stores items and suggestions; nothing reaches a network from here.
 */
export function createPollHostJob(options: {
  reader: FeedReader
  policy?: PollPolicy
  now?: () => Date
}) {
  const policy = options.policy ?? DEFAULT_POLL_POLICY
  const now = options.now ?? (() => new Date())
  return defineJob({
    ...pollHostSpec,
    async handler({ sourceIds }, ctx) {
      const { db } = ctx.database
      for (const [index, sourceId] of sourceIds.entries()) {
        if (ctx.signal.aborted) {
          await releaseSources(db, { sourceIds: sourceIds.slice(index) })
          return
        }
        const [source] = await db
          .select({
            url: feedSources.url,
            etag: feedSources.etag,
            lastModified: feedSources.lastModified,
          })
          .from(feedSources)
          .where(eq(feedSources.id, sourceId))
        if (!source) continue
        try {
          const polled = await options.reader.poll(source)
          const stored = await recordFeedPoll(db, { sourceId, polled, now: now(), policy })
          if (stored?.items) ctx.logger.debug({ sourceId, ...stored }, 'feed items stored')
        } catch (error) {
          if (!(error instanceof FeedError)) throw error
          const failed = await recordFeedFailure(db, { sourceId, error, now: now(), policy })
          if (error.kind === 'rate_limited' && failed) {
            await releaseSources(db, {
              sourceIds: sourceIds.slice(index + 1),
              notBefore: failed.nextPollAt,
            })
            return
          }
        }
      }
    },
  })
}
