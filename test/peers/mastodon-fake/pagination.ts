/**
 * Mastodon's id-based paging (docs.joinmastodon.org/api/guidelines/#pagination): results are
 * newest first; `max_id` pages toward older, `since_id` returns the newest above an id,
 * `min_id` the page immediately above it. The `Link` header carries `rel="next"` (max_id of
 * the last item) and `rel="prev"` (min_id of the first); the ids are those of the paged
 * records (a follow, not the account), so clients must follow the header.
 *
 * A strict server pages by its own opaque `page` parameter instead, as the docs allow ("the
 * Link header is the only guarantee"): it refuses `max_id`, `since_id` and `min_id`.
 */
import { FakeError } from './state.ts'

export type PageQuery = {
  maxId?: string
  sinceId?: string
  minId?: string
  limit: number
}

export type Paging = 'ids' | 'opaque'

const ID_PARAMS = ['max_id', 'min_id', 'since_id'] as const

export function readPageQuery(
  query: (name: string) => string | undefined,
  defaultLimit: number,
  maxLimit: number,
  paging: Paging = 'ids',
): PageQuery {
  const asked = Number(query('limit'))
  const limit = Number.isInteger(asked) && asked > 0 ? Math.min(asked, maxLimit) : defaultLimit
  if (paging === 'ids') {
    return { maxId: query('max_id'), sinceId: query('since_id'), minId: query('min_id'), limit }
  }
  const unknown = ID_PARAMS.find((name) => query(name) !== undefined)
  if (unknown) throw new FakeError(400, `Unknown query parameter ${unknown}: page with "page"`)
  const page = query('page')
  if (page === undefined) return { limit }
  const [direction, id] = Buffer.from(page, 'base64url').toString('utf8').split(':')
  if (!id || !/^\d+$/.test(id) || (direction !== 'older' && direction !== 'newer')) {
    throw new FakeError(400, 'page is not a cursor this server issued')
  }
  return direction === 'older' ? { maxId: id, limit } : { minId: id, limit }
}

const compare = (a: string, b: string) => {
  const difference = BigInt(a) - BigInt(b)
  return difference > 0n ? 1 : difference < 0n ? -1 : 0
}

/** One page of `records` (any order), newest first, by `key` (a snowflake id). */
export function paginate<T>(records: T[], key: (record: T) => string, query: PageQuery): T[] {
  const above = (record: T, id?: string) => id === undefined || compare(key(record), id) > 0
  const below = (record: T, id?: string) => id === undefined || compare(key(record), id) < 0
  const selected = records.filter(
    (record) =>
      below(record, query.maxId) && above(record, query.sinceId) && above(record, query.minId),
  )
  const newestFirst = selected.sort((a, b) => compare(key(b), key(a)))
  if (query.minId !== undefined) return newestFirst.slice(-query.limit)
  return newestFirst.slice(0, query.limit)
}

/** `Link` for a page; `withNext` lets a route decide, as Mastodon's controllers do. */
export function linkHeader<T>(
  url: string,
  page: T[],
  key: (record: T) => string,
  withNext: boolean,
  paging: Paging = 'ids',
): string | undefined {
  const first = page[0]
  const last = page.at(-1)
  if (!first || !last) return undefined
  const at = (direction: 'older' | 'newer', id: string) => {
    const target = new URL(url)
    for (const param of [...ID_PARAMS, 'page']) target.searchParams.delete(param)
    if (paging === 'ids') target.searchParams.set(direction === 'older' ? 'max_id' : 'min_id', id)
    else target.searchParams.set('page', Buffer.from(`${direction}:${id}`).toString('base64url'))
    return target.toString()
  }
  const links = [`<${at('newer', key(first))}>; rel="prev"`]
  if (withNext) links.unshift(`<${at('older', key(last))}>; rel="next"`)
  return links.join(', ')
}
