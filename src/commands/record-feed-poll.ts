import { and, eq, ne, sql } from 'drizzle-orm'
import {
  DEFAULT_POLL_POLICY,
  nextPollAfterSuccess,
  type PollPolicy,
} from '../core/curate/poll-schedule.ts'
import type { PolledFeed } from '../networks/feeds/create-feed-reader.ts'
import type { Db } from '../store/connect.ts'
import type { Tx } from '../store/executor.ts'
import { feedSources } from '../store/schema/index.ts'
import { ingestFeedEntries } from './ingest-feed-entries.ts'

/**
 * A successful poll: new entries stored and grouped into suggestions, validators kept for
 * the next conditional GET, the next poll planned from the feed's own hints, failures
 * forgotten. A permanent redirect moves the source to its new address (unless the
 * workspace already follows that one). Nothing here publishes anything: suggestions wait
 * for a person.
 */
export async function recordFeedPoll(
  db: Db,
  input: { sourceId: string; polled: PolledFeed; now: Date; policy?: PollPolicy },
): Promise<{ items: number; suggestions: number } | null> {
  const { polled, now } = input
  return db.transaction(async (tx) => {
    const [source] = await tx
      .select({ id: feedSources.id, workspaceId: feedSources.workspaceId, url: feedSources.url })
      .from(feedSources)
      .where(eq(feedSources.id, input.sourceId))
      .for('update')
    if (!source) return null
    const stored = polled.changed
      ? await ingestFeedEntries(tx, {
          workspaceId: source.workspaceId,
          sourceId: source.id,
          entries: polled.feed.entries,
          now,
        })
      : { items: 0, suggestions: 0 }
    const movedTo = polled.movedTo && (await freeAddress(tx, source, polled.movedTo))
    const nextPollAt = nextPollAfterSuccess(
      now,
      {
        maxAgeSeconds: polled.maxAgeSeconds,
        ttlMinutes: polled.changed ? (polled.feed.ttlMinutes ?? undefined) : undefined,
      },
      input.policy ?? DEFAULT_POLL_POLICY,
    )
    await tx
      .update(feedSources)
      .set({
        ...(movedTo ? { url: movedTo, host: new URL(movedTo).hostname } : {}),
        ...(polled.changed
          ? {
              etag: polled.etag,
              lastModified: polled.lastModified,
              format: polled.feed.format,
              siteUrl: sql`coalesce(${feedSources.siteUrl}, ${polled.feed.siteUrl})`,
            }
          : {}),
        lastPolledAt: now,
        lastSuccessAt: now,
        failures: 0,
        failingSince: null,
        failing: false,
        nextPollAt,
        pollingUntil: null,
      })
      .where(eq(feedSources.id, source.id))
    return stored
  })
}

async function freeAddress(
  tx: Tx,
  source: { id: string; workspaceId: string },
  url: string,
): Promise<string | null> {
  const [taken] = await tx
    .select({ id: feedSources.id })
    .from(feedSources)
    .where(
      and(
        eq(feedSources.workspaceId, source.workspaceId),
        eq(feedSources.url, url),
        ne(feedSources.id, source.id),
      ),
    )
  return taken ? null : url
}
