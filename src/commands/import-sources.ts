import { count, eq, sql } from 'drizzle-orm'
import { InvalidInputError } from '../core/errors.ts'
import type { FeedReader } from '../networks/feeds/create-feed-reader.ts'
import type { OpmlReading } from '../networks/feeds/feed-document.ts'
import { FeedError } from '../networks/feeds/feed-error.ts'
import { enqueue } from '../queue/enqueue.ts'
import { pollFeedsSpec } from '../queue/specs/poll-feeds-spec.ts'
import type { Database } from '../store/connect.ts'
import { recordAudit } from '../store/record-audit.ts'
import { feedSources } from '../store/schema/index.ts'
import { MAX_SOURCES_PER_WORKSPACE } from './add-source.ts'

/**
 * Follows every feed of an OPML file (folders become categories), in one statement. The
 * feeds are not fetched here: each is due at once and the workers poll it, so a slow or
 * failing one shows up in its health instead of holding up the import. Feeds already
 * followed are left as they are.
 */
export async function importSources(
  database: Database,
  reader: FeedReader,
  input: { workspaceId: string; userId: string; opml: string; ip?: string; now?: Date },
): Promise<{ imported: number; alreadyFollowed: number; skipped: OpmlReading['skipped'] }> {
  const now = input.now ?? new Date()
  const reading = await reader.readOpml(input.opml).catch((error: Error) => {
    if (error instanceof FeedError) {
      throw new InvalidInputError(`The file could not be imported: ${error.reason}`, {
        opml: error.reason,
      })
    }
    throw error
  })
  const { db } = database
  const [followed] = await db
    .select({ n: count() })
    .from(feedSources)
    .where(eq(feedSources.workspaceId, input.workspaceId))
  const room = MAX_SOURCES_PER_WORKSPACE - (followed?.n ?? 0)
  if (reading.feeds.length > room) {
    throw new InvalidInputError(
      `The file lists ${reading.feeds.length} feeds and this workspace has room for ${Math.max(room, 0)} more (at most ${MAX_SOURCES_PER_WORKSPACE} sources)`,
      { opml: 'too many feeds' },
    )
  }
  const feeds = reading.feeds
  return db.transaction(async (tx) => {
    const inserted = feeds.length
      ? await tx.execute<{ id: string }>(sql`
          insert into feed_sources (workspace_id, url, host, site_url, title, category, added_by, next_poll_at)
          select ${input.workspaceId}, url, host, site_url, title, category, ${input.userId}, ${now.toISOString()}::timestamptz
          from unnest(
            ${sql.param(feeds.map((f) => f.url))}::text[],
            ${sql.param(feeds.map((f) => new URL(f.url).hostname))}::text[],
            ${sql.param(feeds.map((f) => f.siteUrl))}::text[],
            ${sql.param(feeds.map((f) => f.title ?? new URL(f.url).hostname))}::text[],
            ${sql.param(feeds.map((f) => f.category))}::text[]
          ) as t(url, host, site_url, title, category)
          on conflict (workspace_id, url) do nothing
          returning id`)
      : { rows: [] }
    const imported = inserted.rows.length
    // Polled now rather than at the next minute's round.
    if (imported) {
      await enqueue(
        database,
        pollFeedsSpec,
        {},
        { executor: tx, uniqueKey: `poll-feeds@import:${now.getTime()}` },
      )
    }
    await recordAudit(tx, {
      action: 'sources.imported',
      workspaceId: input.workspaceId,
      actorUserId: input.userId,
      data: { imported, alreadyFollowed: feeds.length - imported, skipped: reading.skipped.length },
      ip: input.ip,
    })
    return { imported, alreadyFollowed: feeds.length - imported, skipped: reading.skipped }
  })
}
