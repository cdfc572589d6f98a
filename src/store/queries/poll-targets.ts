import { inArray } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { feedSources } from '../schema/index.ts'

/** What polling a batch of sources needs to ask each conditionally, in one query. */
export async function loadPollTargets(executor: Executor, sourceIds: readonly string[]) {
  const rows = await executor
    .select({
      id: feedSources.id,
      url: feedSources.url,
      etag: feedSources.etag,
      lastModified: feedSources.lastModified,
    })
    .from(feedSources)
    .where(inArray(feedSources.id, [...sourceIds]))
  return new Map(rows.map((row) => [row.id, row]))
}
