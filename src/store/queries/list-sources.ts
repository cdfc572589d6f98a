import { and, asc, eq, gt } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { feedSources } from '../schema/index.ts'

const columns = {
  id: feedSources.id,
  url: feedSources.url,
  siteUrl: feedSources.siteUrl,
  title: feedSources.title,
  format: feedSources.format,
  category: feedSources.category,
  weight: feedSources.weight,
  createdAt: feedSources.createdAt,
  lastPolledAt: feedSources.lastPolledAt,
  lastSuccessAt: feedSources.lastSuccessAt,
  lastError: feedSources.lastError,
  lastErrorAt: feedSources.lastErrorAt,
  failures: feedSources.failures,
  failingSince: feedSources.failingSince,
  failing: feedSources.failing,
  nextPollAt: feedSources.nextPollAt,
  pollingUntil: feedSources.pollingUntil,
}

export type SourceRow = Awaited<ReturnType<typeof listSources>>[number]

/** The workspace's sources with their polling state, in id order; `after` is the previous page's last id. */
export async function listSources(
  executor: Executor,
  workspaceId: string,
  options: { after?: string; only?: string; limit: number },
) {
  return executor
    .select(columns)
    .from(feedSources)
    .where(
      and(
        eq(feedSources.workspaceId, workspaceId),
        options.after ? gt(feedSources.id, options.after) : undefined,
        options.only ? eq(feedSources.id, options.only) : undefined,
      ),
    )
    .orderBy(asc(feedSources.id))
    .limit(options.limit)
}

/** Every source, grouped by category then title: what an OPML export lists. */
export async function listSourcesForExport(executor: Executor, workspaceId: string) {
  return executor
    .select({
      url: feedSources.url,
      siteUrl: feedSources.siteUrl,
      title: feedSources.title,
      category: feedSources.category,
    })
    .from(feedSources)
    .where(eq(feedSources.workspaceId, workspaceId))
    .orderBy(asc(feedSources.category), asc(feedSources.title))
}
