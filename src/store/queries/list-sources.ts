import { and, asc, eq, gt, isNotNull, or, type SQL, sql } from 'drizzle-orm'
import type { Executor } from '../executor.ts'
import { feedSources } from '../schema/index.ts'
import { containsPattern } from './contains-pattern.ts'

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

export const SOURCE_STATUSES = ['pending', 'ok', 'erroring', 'failing'] as const
export type SourceStatus = (typeof SOURCE_STATUSES)[number]

export type SourceRow = Awaited<ReturnType<typeof listSources>>[number]

/** Where a page starts: after this title (compared without case) and id. */
export type SourceCursor = { title: string; id: string }

const sortTitle = sql<string>`lower(${feedSources.title})`

/** A source's health status in SQL, as presentSource names it from the row. */
const STATUS_WHERE: Record<SourceStatus, SQL> = {
  pending: sql`${feedSources.lastPolledAt} is null`,
  failing: sql`${feedSources.lastPolledAt} is not null and ${feedSources.failing}`,
  erroring: sql`${feedSources.lastPolledAt} is not null and not ${feedSources.failing} and ${feedSources.failures} > 0`,
  ok: sql`${feedSources.lastPolledAt} is not null and not ${feedSources.failing} and ${feedSources.failures} = 0`,
}

/**
 * A page of the workspace's sources with their polling state, by title (then id), narrowed
 * to those whose title, address or folder contains `search` and to one health `status`.
 * @NOTE sorted without an index: a workspace holds at most 10,000 sources (import-sources).
 */
export async function listSources(
  executor: Executor,
  workspaceId: string,
  options: {
    after?: SourceCursor
    only?: string
    search?: string
    status?: SourceStatus
    limit: number
  },
) {
  const { after, search, status } = options
  const like = search ? containsPattern(search) : null
  return executor
    .select({ ...columns, sortTitle })
    .from(feedSources)
    .where(
      and(
        eq(feedSources.workspaceId, workspaceId),
        options.only ? eq(feedSources.id, options.only) : undefined,
        after
          ? or(
              gt(sortTitle, after.title),
              and(eq(sortTitle, after.title), gt(feedSources.id, after.id)),
            )
          : undefined,
        like
          ? or(
              sql`${feedSources.title} ilike ${like}`,
              sql`${feedSources.url} ilike ${like}`,
              and(isNotNull(feedSources.category), sql`${feedSources.category} ilike ${like}`),
            )
          : undefined,
        status ? STATUS_WHERE[status] : undefined,
      ),
    )
    .orderBy(asc(sortTitle), asc(feedSources.id))
    .limit(options.limit)
}

/** How many sources the workspace follows, in all and by health status. */
export async function countSources(
  executor: Executor,
  workspaceId: string,
): Promise<Record<'all' | SourceStatus, number>> {
  const count = (where?: SQL) =>
    where ? sql<number>`(count(*) filter (where ${where}))::int` : sql<number>`count(*)::int`
  const [row] = await executor
    .select({
      all: count(),
      pending: count(STATUS_WHERE.pending),
      ok: count(STATUS_WHERE.ok),
      erroring: count(STATUS_WHERE.erroring),
      failing: count(STATUS_WHERE.failing),
    })
    .from(feedSources)
    .where(eq(feedSources.workspaceId, workspaceId))
  return row ?? { all: 0, pending: 0, ok: 0, erroring: 0, failing: 0 }
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
