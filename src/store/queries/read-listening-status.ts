import { asc, inArray, sql } from 'drizzle-orm'
import { FEEDS_SOURCE, mastodonListenSourceName } from '../../core/listen/source-names.ts'
import type { Db } from '../connect.ts'
import { listenLeases } from '../schema/index.ts'

export type ListeningStatusRow = typeof listenLeases.$inferSelect

/**
 * Where the listening sources that read for one workspace stand: the instance's Bluesky
 * source, the Mastodon instances it has a connected account on, the feed items while one of
 * its searches reads them. Another workspace's instances never appear, not even by name.
 */
export async function readListeningStatus(
  db: Db,
  input: { workspaceId: string; blueskySource: string },
): Promise<ListeningStatusRow[]> {
  const result = await db.execute<{ services: string[]; feeds: boolean }>(sql`
    select
      array(select distinct service from accounts where workspace_id = ${input.workspaceId}
        and network = 'mastodon' and disconnected_at is null) as services,
      exists (select 1 from saved_searches where workspace_id = ${input.workspaceId}
        and feeds) as feeds`)
  const row = result.rows[0]
  const sources = [
    input.blueskySource,
    ...(row?.services ?? []).map(mastodonListenSourceName),
    ...(row?.feeds ? [FEEDS_SOURCE] : []),
  ]
  return db
    .select()
    .from(listenLeases)
    .where(inArray(listenLeases.source, sources))
    .orderBy(asc(listenLeases.source))
}
