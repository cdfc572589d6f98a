import { and, count, eq } from 'drizzle-orm'
import { DEFAULT_POLL_POLICY, nextPollAfterSuccess } from '../core/curate/poll-schedule.ts'
import { ConflictError, InvalidInputError } from '../core/errors.ts'
import type { FeedReader } from '../networks/feeds/create-feed-reader.ts'
import { FeedError } from '../networks/feeds/feed-error.ts'
import type { Db } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { feedSources } from '../store/schema/index.ts'
import { ingestFeedEntries } from './ingest-feed-entries.ts'

/** Sources one workspace may follow: a polling cycle over 10,000 takes ~N s (bench/feeds.ts). */
export const MAX_SOURCES_PER_WORKSPACE = 10_000

/**
 * Follows a feed, given its address or a page that names it (`<link rel="alternate">`).
 * It is fetched and read at once, through the SSRF guard, so a person learns right away
 * when an address is not a feed or not reachable; its entries become suggestions.
 */
export async function addSource(
  db: Db,
  reader: FeedReader,
  input: {
    workspaceId: string
    userId: string
    url: string
    weight?: number
    category?: string | null
    ip?: string
    now?: Date
  },
) {
  const now = input.now ?? new Date()
  const [followed] = await db
    .select({ n: count() })
    .from(feedSources)
    .where(eq(feedSources.workspaceId, input.workspaceId))
  if ((followed?.n ?? 0) >= MAX_SOURCES_PER_WORKSPACE) {
    throw new InvalidInputError(
      `This workspace follows ${MAX_SOURCES_PER_WORKSPACE} sources, the most it may`,
    )
  }
  await refuseFollowed(db, input.workspaceId, input.url)
  const found = await reader.discover(input.url).catch((error: Error) => {
    if (error instanceof FeedError) {
      throw new InvalidInputError(`${input.url} could not be added: ${error.reason}`, {
        url: error.reason,
      })
    }
    throw error
  })
  if (found.feedUrl !== input.url) await refuseFollowed(db, input.workspaceId, found.feedUrl)

  return db.transaction(async (tx) => {
    const [source] = await tx
      .insert(feedSources)
      .values({
        workspaceId: input.workspaceId,
        url: found.feedUrl,
        host: new URL(found.feedUrl).hostname,
        siteUrl: found.feed.siteUrl,
        title: found.feed.title ?? new URL(found.feedUrl).hostname,
        format: found.feed.format,
        category: input.category ?? null,
        weight: input.weight ?? 1,
        addedBy: input.userId,
        etag: found.etag,
        lastModified: found.lastModified,
        lastPolledAt: now,
        lastSuccessAt: now,
        nextPollAt: nextPollAfterSuccess(
          now,
          { maxAgeSeconds: found.maxAgeSeconds, ttlMinutes: found.feed.ttlMinutes ?? undefined },
          DEFAULT_POLL_POLICY,
        ),
      })
      .onConflictDoNothing()
      .returning()
    if (!source) throw new ConflictError(`This workspace already follows ${found.feedUrl}`)
    const stored = await ingestFeedEntries(tx, {
      workspaceId: input.workspaceId,
      sourceId: source.id,
      entries: found.feed.entries,
      now,
    })
    await recordAudit(tx, {
      action: 'source.added',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      targetType: 'feed_source',
      targetId: source.id,
      data: { url: source.url, items: stored.items },
      ip: input.ip,
    })
    return { source, ...stored }
  })
}

async function refuseFollowed(db: Db, workspaceId: string, url: string) {
  const [existing] = await db
    .select({ id: feedSources.id })
    .from(feedSources)
    .where(and(eq(feedSources.workspaceId, workspaceId), eq(feedSources.url, url)))
  if (existing) throw new ConflictError(`This workspace already follows ${url}`)
}
