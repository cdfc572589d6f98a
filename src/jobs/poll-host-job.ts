import { recordFeedFailure } from '../commands/record-feed-failure.ts'
import { recordFeedPoll } from '../commands/record-feed-poll.ts'
import { recordUnchangedPolls } from '../commands/record-unchanged-polls.ts'
import { releaseSources } from '../commands/release-sources.ts'
import {
  DEFAULT_POLL_POLICY,
  nextPollAfterSuccess,
  type PollPolicy,
} from '../core/curate/poll-schedule.ts'
import type { FeedReader } from '../networks/feeds/create-feed-reader.ts'
import { FeedError } from '../networks/feeds/feed-error.ts'
import { defineJob } from '../queue/define-job.ts'
import { pollHostSpec } from '../queue/specs/poll-host-spec.ts'
import { loadPollTargets } from '../store/queries/poll-targets.ts'

/** Unchanged polls written together: one statement for this many sources. */
const UNCHANGED_BATCH = 100

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
      const targets = await loadPollTargets(db, sourceIds)
      let unchanged: Array<{ sourceId: string; nextPollAt: Date }> = []
      const flush = async () => {
        await recordUnchangedPolls(db, { polls: unchanged, now: now() })
        unchanged = []
      }
      for (const [index, sourceId] of sourceIds.entries()) {
        const source = targets.get(sourceId)
        if (!source) continue
        if (ctx.signal.aborted) {
          await flush()
          await releaseSources(db, { sourceIds: sourceIds.slice(index) })
          return
        }
        try {
          const polled = await options.reader.poll(source)
          if (!polled.changed && !polled.movedTo) {
            const hints = { maxAgeSeconds: polled.maxAgeSeconds }
            unchanged.push({ sourceId, nextPollAt: nextPollAfterSuccess(now(), hints, policy) })
            if (unchanged.length >= UNCHANGED_BATCH) await flush()
            continue
          }
          const stored = await recordFeedPoll(db, { sourceId, polled, now: now(), policy })
          if (stored?.items) ctx.logger.debug({ sourceId, ...stored }, 'feed items stored')
        } catch (error) {
          if (!(error instanceof FeedError)) throw error
          const failed = await recordFeedFailure(db, { sourceId, error, now: now(), policy })
          if (error.kind === 'rate_limited' && failed) {
            await flush()
            const rest = sourceIds.slice(index + 1)
            await releaseSources(db, { sourceIds: rest, notBefore: failed.nextPollAt })
            return
          }
        }
      }
      await flush()
    },
  })
}
